package dev.lookalike.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines for logs and pipes: one line each time another 10% is done or
 * {@link #DEFAULT_INTERVAL} has passed since the last line, and a final line on close ending
 * in {@code done}, or {@code stopped} when the task closed short of its total.
 * A line reads like {@code model.onnx: 40% 138.8 of 347.0 MiB, 25.1 MiB/s, ETA 8s, skipped 3}.
 */
public final class PlainProgressReporter implements ProgressReporter {

    /** The longest silence between two lines while a task runs. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private final PrintStream out;
    private final Duration interval;
    private final LongSupplier nanoClock;

    /** Reports to {@code out} with {@link #DEFAULT_INTERVAL} on the system clock. */
    public PlainProgressReporter(PrintStream out) {
        this(out, DEFAULT_INTERVAL, System::nanoTime);
    }

    /**
     * @param interval  the longest silence between two lines
     * @param nanoClock a monotonic clock in nanoseconds, such as {@link System#nanoTime}
     */
    public PlainProgressReporter(PrintStream out, Duration interval, LongSupplier nanoClock) {
        this.out = out;
        this.interval = interval;
        this.nanoClock = nanoClock;
    }

    @Override
    public Progress start(String task, long done, long total, ProgressUnit unit) {
        return new Task(task, done, total, unit);
    }

    private final class Task implements Progress {

        private final String name;
        private final long total;
        private final ProgressUnit unit;
        private final long startDone;
        private final long startNanos;
        private long done;
        private long lastLineNanos;
        private int lastDecile;
        private String extra = "";
        private boolean closed;

        Task(String name, long done, long total, ProgressUnit unit) {
            this.name = name;
            this.total = total;
            this.unit = unit;
            this.startDone = done;
            this.done = done;
            this.startNanos = nanoClock.getAsLong();
            this.lastLineNanos = startNanos;
            this.lastDecile = decile();
        }

        @Override
        public void step(long n) {
            done += n;
            long now = nanoClock.getAsLong();
            int decile = decile();
            // The line for 100% is left to close(), which says whether the task finished.
            boolean finished = total >= 0 && done >= total;
            if (!finished && (decile > lastDecile || now - lastLineNanos >= interval.toNanos())) {
                lastDecile = decile;
                lastLineNanos = now;
                out.println(line(now));
            }
        }

        @Override
        public void message(String extra) {
            this.extra = extra;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                out.println(line(nanoClock.getAsLong()) + (total < 0 || done >= total ? ", done" : ", stopped"));
            }
        }

        private int decile() {
            return total > 0 ? (int) (10 * done / total) : 0;
        }

        private String line(long now) {
            double seconds = (now - startNanos) / 1e9;
            double rate = seconds > 0 ? (done - startDone) / seconds : 0;
            StringBuilder s = new StringBuilder(name).append(": ");
            if (total > 0) {
                s.append(100 * done / total)
                        .append("% ")
                        .append(amount(done, false))
                        .append(" of ")
                        .append(amount(total, true));
            } else {
                s.append(amount(done, true));
            }
            s.append(", ").append(rate(rate));
            if (total > 0 && rate > 0 && done < total) {
                s.append(", ETA ").append(duration((long) Math.ceil((total - done) / rate)));
            }
            if (!extra.isEmpty()) {
                s.append(", ").append(extra);
            }
            return s.toString();
        }

        private String amount(long units, boolean withUnit) {
            if (unit == ProgressUnit.BYTES) {
                return String.format(Locale.ROOT, "%.1f", units / 1048576.0) + (withUnit ? " MiB" : "");
            }
            return units + (withUnit ? " items" : "");
        }

        private String rate(double perSecond) {
            return unit == ProgressUnit.BYTES
                    ? String.format(Locale.ROOT, "%.1f MiB/s", perSecond / 1048576.0)
                    : String.format(Locale.ROOT, "%.1f items/s", perSecond);
        }
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format(Locale.ROOT, "%02ds", seconds % 60);
        }
        return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02dm", seconds % 3600 / 60);
    }
}
