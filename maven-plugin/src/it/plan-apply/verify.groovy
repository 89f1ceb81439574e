try {
    def log = new File(basedir, "build.log").text
    // 1: the plan of a fresh state
    assert log.contains("+ create readonly-token")
    assert log.contains("+ create zone-token")
    assert log.contains("Plan: 2 to create, 0 to update")
    // 2: the CI gate fails while there are changes
    assert log.contains("cftokens: the plan has changes (Plan: 2 to create")
    // 3: apply
    assert log.contains("Apply complete")
    // 4: the gate passes once applied
    assert log =~ /Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted, 2 unchanged\./
    // 5: verify names the credentials' token and account, never their value
    assert log =~ /Credentials: (account|user)-owned API token [0-9a-f]{32}, active/
    assert log.contains("account 0123456789abcdef0123456789abcdef")
    // 6: a rotation asked for: successor first, the replaced generation kept for the overlap
    assert log.contains("+/- rotate readonly-token")
    assert log =~ /stays valid until \d{4}-\d\d-\d\dT/
    // 7: skip
    assert log.contains("cftokens: skipped (cftokens.skip)")
    // 8: destroy of every token, in batch mode: refused, naming the flag
    assert log.contains("there is no terminal to confirm on (batch mode?); give -Dcftokens.yes to do so")
    // 9: destroy, confirmed by the flag (both generations of the rotated token)
    assert log.contains("Destroy complete: 2 deleted")
    assert !log.contains("cftokens-it-admin-token-0123456789abcdefghij")
    return true
} finally {
    def pid = new File(basedir, "emulator.pid")
    if (pid.isFile()) {
        ProcessHandle.of(Long.parseLong(pid.text.trim())).ifPresent { it.destroy() }
    }
}
