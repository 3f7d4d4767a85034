// Preloaded (`node -r`) into a measured process: reports its peak resident set size on exit, on stderr.
process.on("exit", () => process.stderr.write(`\nmaxRSS-KiB=${process.resourceUsage().maxRSS}\n`));
// CPU time of the whole process (every thread), for runs on a machine shared with other jobs.
process.on("exit", () => {
  const u = process.resourceUsage();
  process.stderr.write(`cpu-ms=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
});
