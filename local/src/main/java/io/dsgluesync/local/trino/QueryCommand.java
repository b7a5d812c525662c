package io.dsgluesync.local.trino;

import io.dsgluesync.local.stack.MotoServer;
import io.dsgluesync.local.stack.StackPaths;
import io.dsgluesync.local.stack.UserStack;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code local/bin/query "SQL"}: one statement through Trino over the running local stack's Glue and S3, printed as
 * a table. Tables can be named {@code database.table}: the session catalog is {@code glue}.
 */
public final class QueryCommand {
    private QueryCommand() {
    }

    /** Answers the exit code: 0 when the statement ran, 1 when it failed or nothing runs to query. */
    public static int run(StackPaths paths, Map<String, String> env, String sql, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        UserStack.State stack = new UserStack(paths).read();
        if (stack == null) {
            err.println("no local stack is running: local/bin/sync (or local/bin/stack up) first");
            return 1;
        }
        if (!MotoServer.isUp(stack.motoPort())) {
            err.println("moto does not answer on port " + stack.motoPort() + ": local/bin/stack up");
            return 1;
        }
        TrinoClient trino = new UserTrino(paths, env, err).clientFor(stack.motoPort());
        try {
            out.print(TextTable.render(trino.execute(sql)));
            return 0;
        } catch (TrinoQueryException e) {
            err.println("Query failed: " + e.errorName() + ": " + e.trinoMessage());
            if (!e.rootCause().isEmpty()) {
                err.println("  caused by " + e.rootCause());
            }
            return 1;
        }
    }
}
