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
return true
