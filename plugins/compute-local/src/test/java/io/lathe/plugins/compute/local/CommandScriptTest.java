package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandScriptTest {

    private static final Path FILE = Path.of("/jobs/1/command");

    @Test
    void commandsAreJoinedSoThatTheFirstFailureStopsTheRest() {
        CommandScript script = CommandScript.of(List.of("pip install -r requirements.txt", "python train.py --a=1"));

        assertEquals("pip install -r requirements.txt && python train.py --a=1", script.body());
        assertEquals(List.of("/bin/sh", "-c", script.body()), script.command(FILE));
        assertEquals(Optional.empty(), script.interpreter());
    }

    @Test
    void aShebangOfItsOwnBecomesTheFirstLine() {
        CommandScript script = CommandScript.of(List.of("#!/bin/bash", "echo a", "[[ -z \"$1\" ]] && echo b"));

        assertEquals("#!/bin/bash\necho a && [[ -z \"$1\" ]] && echo b\n", script.text());
        assertEquals(List.of("/bin/bash", FILE.toString()), script.command(FILE));
    }

    @Test
    void aShebangStartingAMultiLineCommandKeepsTheRestAsIs() {
        CommandScript script = CommandScript.of(List.of("#!/usr/bin/env python3\nimport sys\nprint(1)\n"));

        assertEquals("#!/usr/bin/env python3\nimport sys\nprint(1)\n\n", script.text());
        assertEquals(Optional.of(List.of("/usr/bin/env", "python3")), script.interpreter());
    }

    @Test
    void theShebangArgumentIsOneWordAsTheKernelPassesIt() {
        CommandScript script = CommandScript.of(List.of("#! /usr/bin/env -S python3 -u", "print(1)"));

        assertEquals(Optional.of(List.of("/usr/bin/env", "-S python3 -u")), script.interpreter());
    }

    @Test
    void blankCommandsAreDropped() {
        assertEquals("a && b", CommandScript.of(List.of("", "a", "  ", "b")).body());
        assertEquals("", CommandScript.of(List.of()).body());
    }

    @Test
    void aBareHashBangNamesNoInterpreter() {
        CommandScript script = CommandScript.of(List.of("#!", "echo x"));

        assertEquals(List.of("/bin/sh", "-c", "echo x"), script.command(FILE));
    }
}
