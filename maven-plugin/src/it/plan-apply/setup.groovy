// Starts the standalone emulator for this project's builds and points them at it through .mvn/maven.config
// (its port is only known once it runs). The emulator stops in verify.groovy, or when this Maven exits.
def jar = new File(emulatorJar)
if (!jar.isFile()) {
    throw new IllegalStateException("no standalone emulator at " + jar + ": build the emulator module first")
}
def java = new File(System.getProperty("java.home"), "bin/java").path
def process = new ProcessBuilder(java, "-jar", jar.path,
        "--admin-token", "cftokens-it-admin-token-0123456789abcdefghij",
        "--account-id", "0123456789abcdef0123456789abcdef")
        .redirectErrorStream(true)
        .start()
Runtime.runtime.addShutdownHook(new Thread({ process.destroyForcibly() }))
def reader = new BufferedReader(new InputStreamReader(process.inputStream))
String baseUrl = null
String line
while (baseUrl == null && (line = reader.readLine()) != null) {
    def match = line =~ /^export CLOUDFLARE_BASE_URL=(\S+)/
    if (match.find()) {
        baseUrl = match.group(1)
    }
}
if (baseUrl == null) {
    throw new IllegalStateException("the emulator exited before printing its base URL")
}
// Keep reading so the emulator never blocks on a full pipe.
def drain = new Thread({ try { while (reader.readLine() != null) {} } catch (IOException ignored) {} })
drain.daemon = true
drain.start()
new File(basedir, ".mvn").mkdirs()
new File(basedir, ".mvn/maven.config").text = "-Dcftokens.baseUrl=" + baseUrl + "\n"
new File(basedir, "emulator.pid").text = String.valueOf(process.pid())
return true
