package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.compute.InputFile;
import io.lathe.plugin.api.compute.JobListener;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobOutcome.Status;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.plugin.api.compute.LogStream;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One job, from laying out its workspace to {@code finished}, on a worker thread of its own: prepare the folders,
 * run the script, pump its output, wait for the end or a stop, hand over the outputs, clean up.
 */
final class LocalJob {

    /** How long the streams may take to reach their end once every process of the job is gone. */
    private static final Duration DRAIN_PATIENCE = Duration.ofSeconds(5);

    private final JobSpec spec;
    private final JobListener listener;
    private final Workspace workspace;
    private final LocalSettings settings;
    private final JobIsolation isolation;
    private final System.Logger logger;
    private final Consumer<LocalJob> onEnd;
    private final Thread worker;
    // Completed, with the message for the user, by the first stop; later stops change nothing.
    private final CompletableFuture<String> stopRequest = new CompletableFuture<>();
    private final Object lock = new Object();
    private ProcessTree tree;

    LocalJob(JobSpec spec, JobListener listener, Workspace workspace, LocalSettings settings, JobIsolation isolation,
            System.Logger logger, Consumer<LocalJob> onEnd) {
        this.spec = requireNonNull(spec, "spec");
        this.logger = requireNonNull(logger, "logger");
        this.listener = new GuardedListener(requireNonNull(listener, "listener"), logger, spec.executionId());
        this.workspace = requireNonNull(workspace, "workspace");
        this.settings = requireNonNull(settings, "settings");
        this.isolation = requireNonNull(isolation, "isolation");
        this.onEnd = requireNonNull(onEnd, "onEnd");
        this.worker = new Thread(this::run, "lathe-local-job-" + spec.executionId());
        this.worker.setDaemon(true);
    }

    String handle() {
        return spec.executionId();
    }

    void start() {
        worker.start();
    }

    /** Stops the job: SIGTERM now, SIGKILL after the grace period. Does nothing once its processes have ended. */
    void stop(String message) {
        ProcessTree running;
        synchronized (lock) {
            if (stopRequest.isDone() || tree != null && !tree.mainAlive()) {
                return;
            }
            stopRequest.complete(message);
            running = tree;
        }
        if (running != null) {
            running.terminate();
        }
    }

    /** The job's processes, once they started. */
    Optional<ProcessTree> processes() {
        synchronized (lock) {
            return Optional.ofNullable(tree);
        }
    }

    /** Waits until the listener has been told the job finished; false when that had not happened in time. */
    boolean awaitEnd(Duration timeout) {
        try {
            worker.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !worker.isAlive();
    }

    private void run() {
        JobOutcome outcome;
        boolean interrupted = false;
        try {
            outcome = runCommands();
        } catch (InterruptedException e) {
            // Cleared so that the file work below is not cut short; set again at the end.
            interrupted = true;
            outcome = new JobOutcome(Status.STOPPED, OptionalInt.empty(), "stopped: the server interrupted it");
        } catch (RuntimeException | Error e) {
            logger.log(System.Logger.Level.ERROR, "job " + handle() + " failed in the local compute environment", e);
            outcome = new JobOutcome(Status.ERROR, OptionalInt.empty(),
                    "the local compute environment failed: " + Messages.describe(e));
        }
        finish(outcome);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands over the outputs, cleans up and reports the end; the report comes whatever fails before it. */
    private void finish(JobOutcome outcome) {
        JobOutcome reported = outcome;
        try {
            reported = new OutputHandover(workspace, listener, logger).handOver(outcome);
            removeWorkspace();
        } catch (RuntimeException e) {
            logger.log(System.Logger.Level.ERROR, "could not finish job " + handle() + " cleanly", e);
        } finally {
            onEnd.accept(this);
            listener.finished(reported);
        }
    }

    private JobOutcome runCommands() throws InterruptedException {
        Optional<Bubblewrap> sandbox;
        try {
            sandbox = isolation.sandboxFor(spec.launchedByAdmin());
        } catch (JobIsolation.JobRefused e) {
            return new JobOutcome(Status.ERROR, OptionalInt.empty(), e.getMessage());
        }
        CommandScript script = CommandScript.of(spec.commands());
        JobPaths paths = sandbox.isPresent() ? JobPaths.IN_SANDBOX : JobPaths.of(workspace);
        Optional<JobOutcome> notStarted = prepare(script, paths);
        if (notStarted.isPresent()) {
            return notStarted.get();
        }
        List<String> prefix = ProcessGroups.launchPrefix();
        List<String> command = new ArrayList<>(prefix);
        try {
            command.addAll(commandLine(sandbox, script, paths));
        } catch (IllegalStateException e) {
            return new JobOutcome(Status.ERROR, OptionalInt.empty(), e.getMessage());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workspace.repository().toFile())
                // A job waiting for input would wait forever: there is nobody to type.
                .redirectInput(Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(sandbox.isPresent()
                ? JobVariables.inSandbox(System.getenv(), spec, settings.sandbox().readOnlyPaths())
                : JobVariables.of(System.getenv(), spec, paths));
        Process process;
        ProcessTree started;
        synchronized (lock) {
            if (stopRequest.isDone()) {
                return stopped();
            }
            try {
                process = builder.start();
            } catch (IOException e) {
                return failed("could not start the commands", e);
            }
            started = new ProcessTree(process, !prefix.isEmpty(), sandbox.isPresent());
            tree = started;
        }
        return supervise(process, started);
    }

    /**
     * The script's command, under the resource limits, in the sandbox when there is one.
     *
     * @throws IllegalStateException when limits are set but cannot be applied here
     */
    private List<String> commandLine(Optional<Bubblewrap> sandbox, CommandScript script, JobPaths paths) {
        List<String> job = new ArrayList<>(settings.limits().prefix());
        job.addAll(script.command(Path.of(paths.scriptFile())));
        return sandbox.map(bubblewrap -> bubblewrap.command(workspace, script.interpreter().isPresent(), job))
                .orElse(job);
    }

    private Optional<JobOutcome> prepare(CommandScript script, JobPaths paths) {
        return attempt("could not create the job's folders", workspace::create)
                .or(() -> attempt("could not lay out the code",
                        () -> spec.files().extractCode(workspace.repository())))
                .or(this::copyInputs)
                .or(() -> attempt("could not write the config files",
                        () -> workspace.writeConfig(spec.files().configFiles(paths.inputs()))))
                .or(() -> script.interpreter().isEmpty() ? Optional.empty()
                        : attempt("could not write the command script",
                                () -> Files.writeString(workspace.scriptFile(), script.text())));
    }

    private Optional<JobOutcome> copyInputs() {
        List<InputFile> inputs;
        try {
            inputs = spec.files().inputs();
        } catch (RuntimeException e) {
            return Optional.of(failed("could not list the inputs", e));
        }
        for (InputFile input : inputs) {
            Optional<JobOutcome> failure = attempt(
                    "could not copy input file " + input.inputName() + "/" + input.fileName(),
                    () -> workspace.copyInput(input));
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    /** Runs the started job to its end; whatever goes wrong on the way, no process of it is left running. */
    private JobOutcome supervise(Process process, ProcessTree tree) throws InterruptedException {
        StreamPump out = new StreamPump(process.getInputStream(), LogStream.STDOUT, listener, logger,
                worker.getName() + "-stdout");
        StreamPump err = new StreamPump(process.getErrorStream(), LogStream.STDERR, listener, logger,
                worker.getName() + "-stderr");
        boolean done = false;
        try {
            // Before the pumps start, so that no line can overtake it; the pipes hold the output meanwhile.
            listener.started();
            out.start();
            err.start();
            awaitExitOrStop(process);
            // Like a container's end: nothing the job started outlives it, stopped or not.
            if (!tree.end(settings.stopGrace())) {
                logger.log(System.Logger.Level.WARNING, "some processes of job " + handle() + " survived SIGKILL");
            }
            int exitCode = process.waitFor();
            drain(out);
            drain(err);
            done = true;
            String stopMessage = stopRequest.getNow(null);
            if (stopMessage != null) {
                return stopped();
            }
            if (exitCode == 0) {
                return new JobOutcome(Status.COMPLETE, OptionalInt.of(0), "");
            }
            return new JobOutcome(Status.ERROR, OptionalInt.of(exitCode), "command exited with code " + exitCode);
        } finally {
            if (!done) {
                tree.kill();
                out.abandon();
                err.abandon();
            }
        }
    }

    private void awaitExitOrStop(Process process) throws InterruptedException {
        CompletableFuture<Object> either = CompletableFuture.anyOf(process.onExit(), stopRequest);
        Optional<Duration> limit = spec.timeLimit();
        try {
            if (limit.isEmpty()) {
                either.get();
            } else {
                either.get(saturatedNanos(limit.get()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            stop("time limit of " + Messages.describe(limit.get()) + " exceeded");
        } catch (ExecutionException e) {
            throw new IllegalStateException("neither an exit nor a stop request can fail", e);
        }
    }

    private void drain(StreamPump pump) throws InterruptedException {
        if (!pump.await(DRAIN_PATIENCE)) {
            pump.abandon();
            logger.log(System.Logger.Level.WARNING, "an output stream of job " + handle()
                    + " stayed open after its processes ended (a process that left its process group?);"
                    + " what it still prints is dropped");
        }
    }

    private void removeWorkspace() {
        if (settings.keepWorkspaces()) {
            return;
        }
        try {
            workspace.delete();
        } catch (IOException e) {
            logger.log(System.Logger.Level.WARNING, "could not delete the folder of job " + handle(), e);
        }
    }

    private Optional<JobOutcome> attempt(String what, Step step) {
        if (stopRequest.isDone()) {
            return Optional.of(stopped());
        }
        try {
            step.run();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(failed(what, e));
        }
    }

    private JobOutcome failed(String what, Exception e) {
        logger.log(System.Logger.Level.WARNING, "job " + handle() + ": " + what, e);
        return new JobOutcome(Status.ERROR, OptionalInt.empty(), what + ": " + Messages.describe(e));
    }

    private JobOutcome stopped() {
        return new JobOutcome(Status.STOPPED, OptionalInt.empty(), stopRequest.join());
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return Math.max(0, duration.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** One step of laying out the workspace. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
