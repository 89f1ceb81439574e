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
return true
