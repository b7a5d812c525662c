package io.dsgluesync.bench;

import io.dsgluesync.local.simulator.SimulatorStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the simulator's counters once a second, so that a phase's requests can be placed in time: the busy period
 * (first to last second with a request) and the most requests in any 60-second window, the window the simulator's
 * limit slides over.
 */
final class RequestSampler implements AutoCloseable {
    /** The counters at one moment. */
    record Sample(Instant at, long admitted, long rateLimited) {
    }

    private final SimulatorStats stats;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    RequestSampler(SimulatorStats stats) {
        this.stats = stats;
        this.thread = new Thread(this::loop, "request-sampler");
        thread.setDaemon(true);
        sample();
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private synchronized void sample() {
        // Every request counts in requestsTotal; a 429 is a request the limit refused.
        samples.add(new Sample(Instant.now(), stats.requestsTotal() - stats.rateLimitedResponses(),
                stats.rateLimitedResponses()));
    }

    /** What the samples between {@code from} and {@code to} say. */
    synchronized Phase phase(Instant from, Instant to) {
        List<Sample> in = new ArrayList<>();
        Sample previous = null;
        for (Sample s : samples) {
            if (s.at().isBefore(from)) {
                previous = s;
            } else if (!s.at().isAfter(to.plusSeconds(1))) {
                in.add(s);
            }
        }
        if (previous != null) {
            in.add(0, previous);
        }
        if (in.size() < 2) {
            return new Phase(0, 0, Duration.ZERO, 0);
        }
        Sample first = in.get(0);
        Sample last = in.get(in.size() - 1);
        long admitted = last.admitted() - first.admitted();
        long limited = last.rateLimited() - first.rateLimited();
        // Busy: from the last sample before the first request to the first sample after the last request.
        int start = 0;
        while (start + 1 < in.size() && in.get(start + 1).admitted() == first.admitted()) {
            start++;
        }
        int end = in.size() - 1;
        while (end > 0 && in.get(end - 1).admitted() == last.admitted()) {
            end--;
        }
        Duration busy = Duration.between(in.get(start).at(), in.get(Math.max(start, end)).at());
        long peak = 0;
        for (int i = 0; i < in.size(); i++) {
            int j = i;
            while (j + 1 < in.size() && !in.get(j + 1).at().isAfter(in.get(i).at().plusSeconds(60))) {
                j++;
            }
            peak = Math.max(peak, in.get(j).admitted() - in.get(i).admitted());
        }
        return new Phase(admitted, limited, busy, peak);
    }

    /**
     * @param admitted    requests answered (not refused with 429)
     * @param rateLimited 429 answers of the simulator's limit
     * @param busy        first to last second with a request
     * @param peakWindow  the most requests admitted in any 60-second window (1-second resolution)
     */
    record Phase(long admitted, long rateLimited, Duration busy, long peakWindow) {
        double perMinute() {
            return busy.toMillis() == 0 ? 0 : admitted * 60_000.0 / busy.toMillis();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
