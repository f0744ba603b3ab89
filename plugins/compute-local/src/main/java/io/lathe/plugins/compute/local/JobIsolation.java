package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import io.lathe.plugins.compute.local.SandboxSettings.Mode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Decides how each job runs: in a bubblewrap sandbox, unsandboxed, or not at all. With the setting
 * {@code sandbox = bubblewrap}, every job runs sandboxed where bubblewrap works; where it does not, administrators'
 * jobs still run, unsandboxed (an administrator can run code on the server anyway, by installing a plugin), and
 * everyone else's are refused. With {@code sandbox = none}, every job runs unsandboxed.
 *
 * <p>Whether bubblewrap works is found out once, when the environment is made. Immutable; thread-safe.
 */
final class JobIsolation {

    /** The package that provides bubblewrap, named in every message about it. */
    static final String PACKAGE = "bubblewrap";

    private final SandboxSettings settings;
    private final Optional<Bubblewrap> bubblewrap;
    private final Optional<String> unusable;

    private JobIsolation(SandboxSettings settings, Optional<Bubblewrap> bubblewrap, Optional<String> unusable) {
        this.settings = requireNonNull(settings, "settings");
        this.bubblewrap = bubblewrap;
        this.unusable = unusable;
    }

    /** Tries bubblewrap (when the settings ask for it) and decides from what it found. */
    static JobIsolation of(SandboxSettings settings) {
        if (settings.mode() == Mode.NONE) {
            return new JobIsolation(settings, Optional.empty(), Optional.empty());
        }
        Bubblewrap bubblewrap;
        try {
            bubblewrap = new Bubblewrap(settings, Path.of("/"), Bubblewrap.version(settings.bwrap()));
        } catch (IOException e) {
            return new JobIsolation(settings, Optional.empty(), Optional.of(Messages.describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JobIsolation(settings, Optional.empty(), Optional.of("interrupted while trying bubblewrap"));
        }
        Optional<String> problem = bubblewrap.probe();
        return problem.isPresent() ? new JobIsolation(settings, Optional.empty(), problem)
                : new JobIsolation(settings, Optional.of(bubblewrap), Optional.empty());
    }

    /**
     * The sandbox a job runs in; empty when it runs unsandboxed.
     *
     * @throws JobRefused when it may not run here at all
     */
    Optional<Bubblewrap> sandboxFor(boolean launchedByAdmin) throws JobRefused {
        if (bubblewrap.isPresent() || settings.mode() == Mode.NONE || launchedByAdmin) {
            return bubblewrap;
        }
        throw new JobRefused("this server cannot run the job in a sandbox (" + unusable.orElseThrow()
                + "), so it runs only administrators' jobs. An administrator must install the package '" + PACKAGE
                + "' (e.g. apt-get install " + PACKAGE + "), or set the setting 'sandbox' of this compute "
                + "environment to 'none' to run every user's jobs unsandboxed");
    }

    /** What an administrator must know: that jobs run unsandboxed, and why. */
    List<String> warnings() {
        if (settings.mode() == Mode.NONE) {
            return List.of("runs every job unsandboxed (setting 'sandbox' is 'none'): a job can read and change "
                    + "whatever the server's own user can, the server's secrets and database included");
        }
        return unusable.map(problem -> List.of("cannot make sandboxes (" + problem + "): administrators' jobs run "
                + "unsandboxed, with the server's own rights, and other users' jobs are refused; install the "
                + "package '" + PACKAGE + "'")).orElse(List.of());
    }

    /** A job that may not run here; the message says why and what an administrator can do. */
    static final class JobRefused extends Exception {
        JobRefused(String message) {
            super(message);
        }
    }
}
