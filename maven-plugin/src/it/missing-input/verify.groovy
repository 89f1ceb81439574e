def log = new File(basedir, "build.log").text
// 1: not compiled yet: no declarations, whatever the inputs say
assert log.contains("cftokens: no declarations were found under META-INF/cftokens/ in ")
assert log.contains("compile the project first (mvn compile cftokens:<goal>)")
assert !log.contains("inputs name no input of a declaration: zone-token.zoneId")
// 2: nothing gives zone-token's input
assert log.contains("cftokens: input values are missing: zone-token.zoneId")
assert log.contains("-Dcftokens.inputs.zone-token.zoneId=<value>")
// 3: the command line gives it, and one for a declaration that does not exist
assert log.contains("cftokens: inputs name no input of a declaration: zone-tokn.zoneId")
assert log.contains("the declarations with inputs are zone-token [zoneId]")
// 4: a blank value is no value
assert log.contains("cftokens: input values cannot be used: zone-token.zoneId is blank")
return true
