// Writes the README's quickstart as a new project: each block after a <!-- quickstart: <path> --> marker is
// the file at <path>, taken verbatim but for the cftokens version, which is this build's. typo/ gets the same
// files with the misspelling of the <!-- quickstart-error: "right" -> "wrong" --> marker; the blocks the
// README shows as generated code and as the error are left for verify.groovy.
def readmeText = new File(readme).text
def blocks = readmeText =~ /(?s)<!-- (quickstart(?:-\w+)?): (.+?) -->\n```\w*\n(.*?)```/
def files = [:]
def checks = [:]
blocks.each { all, kind, argument, body ->
    if (kind == "quickstart") {
        files[argument] = body
    } else {
        checks[kind] = [argument: argument, body: body]
    }
}
["pom.xml", "src/main/java/com/acme/DnsEditToken.java", "src/main/java/com/acme/Main.java"].each {
    assert files.containsKey(it): "README.md has no block marked <!-- quickstart: " + it + " -->"
}
assert checks.containsKey("quickstart-generated") && checks.containsKey("quickstart-error")

def versionPattern = ~/<cftokens\.version>[^<]+<\/cftokens\.version>/
assert files["pom.xml"] =~ versionPattern: "the quickstart's pom.xml sets no cftokens.version"
files["pom.xml"] = files["pom.xml"].replaceFirst(versionPattern, "<cftokens.version>" + cftokensVersion + "</cftokens.version>")

def typo = checks["quickstart-error"].argument =~ /^"(.+)" -> "(.+)"$/
assert typo.matches(): "the quickstart-error marker says what is misspelt as \"right\" -> \"wrong\""
def right = '"' + typo.group(1) + '"'
def wrong = '"' + typo.group(2) + '"'
def misspelt = files.findAll { path, body -> body.contains(right) }.keySet()
assert misspelt.size() == 1: "exactly one quickstart file should hold " + right + ", not " + misspelt

files.each { path, body ->
    def file = new File(basedir, path)
    file.parentFile.mkdirs()
    file.text = body
    def copy = new File(basedir, "typo/" + path)
    copy.parentFile.mkdirs()
    copy.text = path in misspelt ? body.replace(right, wrong) : body
}
new File(basedir, "readme-generated.txt").text = checks["quickstart-generated"].argument + "\n" + checks["quickstart-generated"].body
new File(basedir, "readme-error.txt").text = checks["quickstart-error"].body
// The emulator Main runs against, as the README's reader starts it in another shell; verify.groovy stops it.
def jar = new File(emulatorJar)
assert jar.isFile(): "no standalone emulator at " + jar + ": build the emulator module first"
def java = new File(System.getProperty("java.home"), "bin/java").path
def emulator = new ProcessBuilder(java, "-jar", jar.path, "--admin-token", "cftokens-quickstart-admin-token-0123456789",
        "--account-id", "0123456789abcdef0123456789abcdef")
        .redirectErrorStream(true)
        .start()
Runtime.runtime.addShutdownHook(new Thread({ emulator.destroyForcibly() }))
def reader = new BufferedReader(new InputStreamReader(emulator.inputStream))
def exports = [:]
String line
while (!exports.containsKey("CLOUDFLARE_ACCOUNT_ID") && (line = reader.readLine()) != null) {
    def export = line =~ /^export (CLOUDFLARE_\w+)=(\S+)/
    if (export.find()) {
        exports[export.group(1)] = export.group(2)
    }
}
assert exports.containsKey("CLOUDFLARE_BASE_URL"): "the emulator exited before printing its export lines"
def drain = new Thread({ try { while (reader.readLine() != null) {} } catch (IOException ignored) {} })
drain.daemon = true
drain.start()
new File(basedir, "emulator.env").text = exports.collect { k, v -> k + "=" + v }.join("\n") + "\n"
new File(basedir, "emulator.pid").text = String.valueOf(emulator.pid())
return true
