// Preloaded (node --import) into an app profiled with --cpu-prof: the app has no SIGTERM handler,
// and Node writes the profile only when the process exits normally.
process.once('SIGTERM', () => process.exit(0));
