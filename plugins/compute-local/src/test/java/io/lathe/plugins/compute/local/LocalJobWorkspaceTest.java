package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.compute.InMemoryJobFiles;
import io.lathe.plugin.api.compute.JobOutcome.Status;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.plugin.api.compute.LogStream;
import io.lathe.plugin.api.compute.RecordingJobListener;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalJobWorkspaceTest extends LocalJobTestSupport {

    @Test
    void theWorkspaceIsDeletedOnceTheJobFinished() throws Exception {
        JobSpec spec = spec(InMemoryJobFiles.builder().code("a.txt", "a").input("data", "d.csv", "1").build(),
                "echo kept > \"$VH_OUTPUTS_DIR/out.txt\"");

        RecordingJobListener listener = run(spec);

        assertEquals(Optional.of("kept\n"), listener.outputText("out.txt"));
        assertFalse(Files.exists(workspaceOf(spec)), "deleted before finished() was called");
    }

    @Test
    void theWorkspaceOfAFailedPreparationIsDeletedToo() throws Exception {
        JobSpec spec = spec(InMemoryJobFiles.builder().failingCode("gone").build(), "true");

        run(spec);

        assertFalse(Files.exists(workspaceOf(spec)));
    }

    @Test
    void outputsArriveSortedByPathAndLinksAreNotFollowed() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "cd \"$VH_OUTPUTS_DIR\"",
                "mkdir -p a/deeper",
                "echo b > b.txt && echo a > a.txt && echo z > a/z.txt && echo d > a/deeper/d.txt",
                "ln -s /etc/passwd passwd-link",
                "ln -s / root-link",
                "ln -s a.txt inside-link"));

        assertEquals(Status.COMPLETE, listener.outcome().orElseThrow().status());
        assertEquals(List.of("a.txt", "a/deeper/d.txt", "a/z.txt", "b.txt"), listener.outputPaths());
    }

    @Test
    void aPythonJobReadsItsParametersThroughVhConfigDir() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.builder()
                        .parameter("learning_rate", 0.25)
                        .parameter("optimizer", "adam")
                        .build(),
                "python3 -c 'import json, os\n"
                        + "path = os.path.join(os.environ[\"VH_CONFIG_DIR\"], \"parameters.json\")\n"
                        + "params = json.load(open(path))\n"
                        + "print(params[\"learning_rate\"] * 4, params[\"optimizer\"])'",
                "cat \"$VH_CONFIG_DIR/parameters.json\"; echo"));

        assertEquals(List.of("1.0 adam", "{\"learning_rate\": 0.25, \"optimizer\": \"adam\"}"),
                listener.lines(LogStream.STDOUT), () -> String.join("\n", listener.lines(LogStream.STDERR)));
    }

    @Test
    void aShebangLineChoosesTheInterpreter() throws Exception {
        RecordingJobListener bash = run(spec(InMemoryJobFiles.empty(),
                "#!/bin/bash", "echo \"$BASH_VERSION\" | cut -c1-2", "[[ 1 == 1 ]] && echo bashism"));
        RecordingJobListener python = run(spec(InMemoryJobFiles.empty(),
                "#!/usr/bin/env python3\nimport sys\nprint('python', sys.version_info[0])"));

        assertEquals(Status.COMPLETE, bash.outcome().orElseThrow().status(), bash.lines(LogStream.STDERR)::toString);
        assertEquals("bashism", bash.lines(LogStream.STDOUT).get(1));
        assertEquals(List.of("python 3"), python.lines(LogStream.STDOUT), python.lines(LogStream.STDERR)::toString);
    }

    @Test
    void theJobGetsNoServerVariablesButThoseAProgramNeeds() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(), "env | cut -d= -f1"));

        Set<String> allowed = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR",
                "PWD", "OLDPWD", "SHLVL", "_", "VH_JOB_ID", "VH_REPOSITORY_DIR", "VH_INPUTS_DIR", "VH_OUTPUTS_DIR",
                "VH_CONFIG_DIR");
        List<String> names = listener.lines(LogStream.STDOUT);
        assertTrue(names.contains("PATH") && names.contains("VH_CONFIG_DIR"), names::toString);
        for (String name : names) {
            assertTrue(allowed.contains(name) || name.startsWith("LC_"), "leaked server variable " + name);
        }
    }

    @Test
    void theWorkingDirectoryIsTheRepository() throws Exception {
        JobSpec spec = spec(InMemoryJobFiles.empty(), "pwd", "echo \"$VH_REPOSITORY_DIR\"");

        RecordingJobListener listener = run(spec);

        String repository = workspaceOf(spec).resolve("repository").toString();
        assertEquals(List.of(repository, repository), listener.lines(LogStream.STDOUT));
    }
}
