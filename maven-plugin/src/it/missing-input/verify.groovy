def log = new File(basedir, "build.log").text
assert log.contains("cftokens: input values are missing: zone-token.zoneId")
assert log.contains("-Dcftokens.inputs.zone-token.zoneId=<value>")
return true
