// Loaded first in every process a test starts (see children.ts): when the test process is gone,
// however it ended (a failure, tap's time-out, kill -9), its IPC channel closes and this child ends too.
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
// The channel must not keep a child alive that has finished its work.
process.channel?.unref();
