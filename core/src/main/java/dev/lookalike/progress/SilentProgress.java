package dev.lookalike.progress;

/** Shows nothing. */
final class SilentProgress implements Progress {

    static final ProgressReporter REPORTER = (task, done, total, unit) -> new SilentProgress();

    @Override
    public void step(long n) {}

    @Override
    public void message(String extra) {}

    @Override
    public void close() {}
}
