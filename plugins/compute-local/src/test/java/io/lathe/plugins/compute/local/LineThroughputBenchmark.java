package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.InMemoryJobFiles;
import io.lathe.plugin.api.compute.JobListener;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.plugin.api.compute.LogStream;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast a job's output is read: a million lines through a listener that does nothing, against the same script
 * writing to /dev/null. Not part of the build (the name does not end in Test); run it with
 * {@code mvn -o -q -pl plugins/compute-local test -Dtest=LineThroughputBenchmark}.
 */
class LineThroughputBenchmark {

    private static final int LINES = 1_000_000;
    private static final int ROUNDS = 5;
    private static final Map<String, String> SCRIPTS = Map.of(
            "empty", "true",
            "seq", "seq 1 " + LINES,
            "awk", "awk 'BEGIN { for (i = 1; i <= " + LINES + "; i++) print \"step \" i \" loss 0.123\" }'",
            "python3", "python3 -c 'for i in range(" + LINES + "): print(\"step\", i, \"loss\", 0.123)'");

    @TempDir
    Path work;

    @Test
    void readingKeepsUpWithTheJob() throws Exception {
        try (ComputeEnvironment environment = LocalEnvironments.create(new TestPluginContext(work), Map.of())) {
            for (Map.Entry<String, String> script : SCRIPTS.entrySet()) {
                measure(environment, script.getKey(), script.getValue());
            }
        }
    }

    private static void measure(ComputeEnvironment environment, String name, String script) throws Exception {
        long[] toDevNull = new long[ROUNDS];
        long[] asJob = new long[ROUNDS];
        for (int round = -2; round < ROUNDS; round++) {
            long devNull = toDevNull(script);
            long job = asJob(environment, script);
            if (round >= 0) {
                toDevNull[round] = devNull;
                asJob[round] = job;
            }
        }
        long devNull = median(toDevNull);
        long job = median(asJob);
        System.out.printf("%-8s /dev/null %5d ms (%,10.0f lines/s)   job %5d ms (%,10.0f lines/s)   ratio %.2f%n",
                name, devNull / 1_000_000, LINES * 1e9 / devNull, job / 1_000_000, LINES * 1e9 / job,
                (double) job / devNull);
    }

    private static long toDevNull(String script) throws Exception {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script).redirectOutput(Redirect.DISCARD);
        // The job's environment, not the test's: e.g. PYTHONUNBUFFERED in the test's would slow Python down.
        builder.environment().clear();
        builder.environment().putAll(JobVariables.of(System.getenv(), spec("true"), JobPaths.of(new Workspace(Path.of("/tmp")))));
        Process process = builder.start();
        assertEquals(0, process.waitFor());
        return System.nanoTime() - start;
    }

    private static long asJob(ComputeEnvironment environment, String script) throws Exception {
        CountingListener listener = new CountingListener();
        JobSpec spec = spec(script);
        long start = System.nanoTime();
        environment.launch(spec, listener);
        listener.finished.await(60, TimeUnit.SECONDS);
        long took = System.nanoTime() - start;
        assertEquals(script.equals("true") ? 0 : LINES, listener.lines.get());
        return took;
    }

    private static JobSpec spec(String script) {
        String id = UUID.randomUUID().toString();
        return new JobSpec(id, "exec-" + id, "", List.of(script), Map.of(), Optional.empty(), InMemoryJobFiles.empty());
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Counts lines and nothing else. */
    private static final class CountingListener implements JobListener {
        final AtomicLong lines = new AtomicLong();
        final CountDownLatch finished = new CountDownLatch(1);

        @Override
        public void started() {
        }

        @Override
        public void log(LogStream stream, String line) {
            lines.incrementAndGet();
        }

        @Override
        public void output(String relativePath, InputStream content) {
        }

        @Override
        public void finished(JobOutcome outcome) {
            finished.countDown();
        }
    }
}
