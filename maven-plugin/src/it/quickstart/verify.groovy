def log = new File(basedir, "build.log").text

// 1: the quickstart compiles, and the provisioner is generated with the create(...) the README shows.
def shown = new File(basedir, "readme-generated.txt").readLines()
def generated = new File(basedir, "target/generated-sources/annotations/" + shown[0])
assert generated.isFile(): "no generated " + generated
assert new File(basedir, "target/classes/" + shown[0].replace(".java", ".class")).isFile()
def source = generated.text
shown.drop(1).collect { it.strip() }.findAll { it.startsWith("public") }.each {
    assert source.contains(it): "the generated " + shown[0] + " has no line " + it
}

// 2: the misspelling fails the build with the error the README shows, at the same file, line and column.
def advertised = new File(basedir, "readme-error.txt").text.strip()
def parts = advertised =~ /^\[ERROR\] \S*\/(src\/main\/java\/\S+\.java:\[\d+,\d+\]) (.+)$/
assert parts.matches(): "the README's error is not a javac error line: " + advertised
assert log.contains("/typo/" + parts.group(1) + " " + parts.group(2)): "the build did not fail with: " + advertised
assert !log.contains("cannot find symbol")
assert !new File(basedir, "typo/target/generated-sources/annotations/" + shown[0]).exists()
// 3: Main runs as the README says, against the emulator with the variables it exports, a CFTOKENS_KEY and
// ZONE_ID: the first run creates the token, the second is handed the same one; the value prints masked.
try {
    def environment = [:]
    new File(basedir, "emulator.env").eachLine { line ->
        def pair = line.split("=", 2)
        environment[pair[0]] = pair[1]
    }
    byte[] key = new byte[32]
    new java.security.SecureRandom().nextBytes(key)
    environment["CFTOKENS_KEY"] = key.encodeBase64().toString()
    environment["ZONE_ID"] = "023e105f4ecef8ad9ca31a8372d0c353"
    def classPath = new File(basedir, "target/classes").path + File.pathSeparator + new File(basedir, "classpath.txt").text.strip()
    def java = new File(System.getProperty("java.home"), "bin/java").path
    def runs = (1..2).collect {
        def builder = new ProcessBuilder(java, "-cp", classPath, "com.acme.Main").directory(basedir).redirectErrorStream(true)
        builder.environment().remove("CLOUDFLARE_API_KEY")
        builder.environment().putAll(environment)
        def process = builder.start()
        def output = process.inputStream.text
        assert process.waitFor() == 0: "Main failed:\n" + output
        def printed = output =~ /(?m)^(.+) is token ([0-9a-f]{32}), value \*\*\*\*$/
        assert printed.find(): "Main did not print its token:\n" + output
        assert !output.contains(environment["CLOUDFLARE_API_TOKEN"])
        printed.group(2)
    }
    assert runs[0] == runs[1]: "the second run got another token: " + runs
    assert new File(basedir, ".cftokens/state.json").isFile()
} finally {
    def pid = new File(basedir, "emulator.pid")
    if (pid.isFile()) {
        ProcessHandle.of(Long.parseLong(pid.text.trim())).ifPresent { it.destroy() }
    }
}
return true
