# HTML report: Debian's Chromium for the browser test (driven by Playwright for .NET, no browser
# download) and the report's JavaScript library from npm (report/package-lock.json), embedded into
# Harrier.Output at build time.
pkgs+=(chromium fonts-dejavu-core)

setup_report() {
  (cd report && npm ci --no-audit --no-fund --loglevel=error)
}
