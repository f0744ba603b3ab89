package io.lathe.plugin.api.compute;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files of one job, provided by the server. Methods may be called from any thread, each at most once per job.
 */
public interface JobFiles {

    /**
     * Writes the execution's code (the commit) into {@code directory}, which must exist. Paths are checked by the
     * server: nothing is written outside {@code directory}.
     */
    void extractCode(Path directory);

    /** The input files to place at {@code <inputs>/<inputName>/<fileName>}, in order. */
    List<InputFile> inputs();

    /**
     * The files to place in the config folder, by file name ({@code parameters.json}, {@code inputs.json},
     * {@code execution.json}, ...), with their text.
     *
     * @param inputsDirectory the inputs folder as the job sees it, so that {@code inputs.json} lists the paths the
     *     job will find its files at
     */
    Map<String, String> configFiles(String inputsDirectory);
}
