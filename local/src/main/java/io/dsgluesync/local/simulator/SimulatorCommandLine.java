package io.dsgluesync.local.simulator;

/** Parses the standalone simulator's command line into {@link SimulatorOptions}. */
final class SimulatorCommandLine {

    static final String USAGE = "usage: DatasphereSimulator [--port N] [--tenant sample|generated] [--spaces N]"
            + " [--assets N] [--seed N] [--max-page-size N] [--token-lifetime SECONDS] [--requests-per-minute N]";

    private SimulatorCommandLine() {
    }

    static SimulatorOptions parse(String[] args) {
        int port = 7070;
        String tenant = "sample";
        int spaces = 10;
        int assets = 200;
        long seed = 42;
        Integer maxPageSize = null;
        Long tokenLifetime = null;
        Integer requestsPerMinute = null;
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
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
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
        return options;
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
}
