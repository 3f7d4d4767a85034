// Preloaded (`node -r`) into a measured process: reports its peak resident set size on exit, on stderr.
process.on("exit", () => process.stderr.write(`\nmaxRSS-KiB=${process.resourceUsage().maxRSS}\n`));
