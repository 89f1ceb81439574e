def log = new File(basedir, "build.log").text
// 1: nothing gives zone-token's input
assert log.contains("cftokens: input values are missing: zone-token.zoneId")
assert log.contains("-Dcftokens.inputs.zone-token.zoneId=<value>")
// 2: the command line gives it, and one for a declaration that does not exist
assert log.contains("cftokens: inputs name no input of a declaration: zone-tokn.zoneId")
assert log.contains("the declarations with inputs are zone-token [zoneId]")
return true
