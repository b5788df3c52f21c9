# Shared by the packaging check scripts (sourced, not run): counts what
# passes and fails, and ends with the "N passed, N failed" line.
passed=0
failed=0

ok() {
    passed=$((passed + 1))
    echo "ok   - $1"
}

not_ok() {
    failed=$((failed + 1))
    echo "FAIL - $1" >&2
}

# The closing line, and the exit status: 0 only when nothing failed.
finish_checks() {
    echo "$passed passed, $failed failed"
    ((failed == 0))
}
