package io.dsgluesync.local.simulator;

import java.time.Duration;
import java.util.Locale;

/** Parses the standalone simulator's command line into {@link SimulatorOptions} and an initial fault plan. */
final class SimulatorCommandLine {

    static final String USAGE = "usage: DatasphereSimulator [--port N] [--tenant sample|generated] [--spaces N]"
            + " [--assets N] [--seed N] [--max-page-size N] [--token-lifetime SECONDS] [--requests-per-minute N]"
            + " [--latency-ms N] [--error-rate 0..1] [--html-login-page true|false] [--bare-array-spaces true|false]";

    /** The options and the faults to switch on once the simulator runs. */
    record Parsed(SimulatorOptions options, FaultFlags faults) {
    }

    /**
     * Faults given on the command line. {@code --seed} seeds both the generated tenant and the error draws.
     *
     * @param latencyMs       {@code --latency-ms}
     * @param errorRate       {@code --error-rate}
     * @param seed            {@code --seed}
     * @param htmlLoginPage   {@code --html-login-page}
     * @param bareArraySpaces {@code --bare-array-spaces}
     */
    record FaultFlags(long latencyMs, double errorRate, long seed, boolean htmlLoginPage, boolean bareArraySpaces) {

        void applyTo(Faults faults) {
            faults.latency(Duration.ofMillis(latencyMs))
                    .serverErrorRate(errorRate, seed)
                    .htmlLoginPage(htmlLoginPage)
                    .bareArraySpaces(bareArraySpaces);
        }
    }

    private SimulatorCommandLine() {
    }

    static SimulatorOptions parse(String[] args) {
        return parseAll(args).options();
    }

    static Parsed parseAll(String[] args) {
        int port = 7070;
        String tenant = "sample";
        int spaces = 10;
        int assets = 200;
        long seed = 42;
        Integer maxPageSize = null;
        Long tokenLifetime = null;
        Integer requestsPerMinute = null;
        long latencyMs = 0;
        double errorRate = 0;
        boolean htmlLoginPage = false;
        boolean bareArraySpaces = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("help requested");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = parseInt(flag, value);
                case "--tenant" -> tenant = value;
                case "--spaces" -> spaces = parseInt(flag, value);
                case "--assets" -> assets = parseInt(flag, value);
                case "--seed" -> seed = parseLong(flag, value);
                case "--max-page-size" -> maxPageSize = parseInt(flag, value);
                case "--token-lifetime" -> tokenLifetime = parseLong(flag, value);
                case "--requests-per-minute" -> requestsPerMinute = parseInt(flag, value);
                case "--latency-ms" -> latencyMs = parseLong(flag, value);
                case "--error-rate" -> errorRate = parseRate(flag, value);
                case "--html-login-page" -> htmlLoginPage = parseBoolean(flag, value);
                case "--bare-array-spaces" -> bareArraySpaces = parseBoolean(flag, value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("--latency-ms must be >= 0: " + latencyMs);
        }
        SimulatorOptions options = SimulatorOptions.defaults().withPort(port);
        options = switch (tenant) {
            case "sample" -> options;
            case "generated" -> options.withTenant(Tenant.generated(spaces, assets, seed));
            default -> throw new IllegalArgumentException("--tenant must be sample or generated: " + tenant);
        };
        if (maxPageSize != null) {
            options = options.withMaxPageSize(maxPageSize);
        }
        if (tokenLifetime != null) {
            options = options.withTokenLifetimeSeconds(tokenLifetime);
        }
        if (requestsPerMinute != null) {
            options = options.withRequestsPerMinute(requestsPerMinute);
        }
        return new Parsed(options, new FaultFlags(latencyMs, errorRate, seed, htmlLoginPage, bareArraySpaces));
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
        }
    }

    private static long parseLong(String flag, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
        }
    }

    private static double parseRate(String flag, String value) {
        double rate;
        try {
            rate = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(flag + " must be within 0..1, got '" + value + "'");
        }
        return rate;
    }

    private static boolean parseBoolean(String flag, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(flag + " needs true or false, got '" + value + "'");
        };
    }
}
