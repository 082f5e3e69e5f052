package dev.lookalike.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar redrawn in place, with rate and ETA, for an interactive terminal. */
final class TerminalProgressReporter implements ProgressReporter {

    private final PrintStream out;

    TerminalProgressReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public Progress start(String task, long done, long total, ProgressUnit unit) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                // The rate counts only this run's units, so a resumed download shows its real speed.
                .startsFrom(done, Duration.ZERO);
        if (unit == ProgressUnit.BYTES) {
            builder.setUnit(" MiB", 1L << 20);
        }
        return new Bar(builder.build());
    }

    private static final class Bar implements Progress {

        private final ProgressBar bar;
        private boolean closed;

        Bar(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public void step(long n) {
            bar.stepBy(n);
        }

        @Override
        public void message(String extra) {
            bar.setExtraMessage(extra);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                bar.close();
            }
        }
    }
}
