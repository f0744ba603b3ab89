package io.lathe.plugin.api.compute;

import java.io.IOException;
import java.io.InputStream;

/** One file of one input of a job. */
public interface InputFile {

    /** The input's name in the step; the file goes under {@code <inputs>/<inputName>/}. */
    String inputName();

    /** The file's name within the input's folder; a plain name, no separators. */
    String fileName();

    /** The length in bytes. */
    long size();

    /** The SHA-256 of the bytes, lowercase hex. */
    String sha256();

    /** Opens the bytes; the caller closes the stream. */
    InputStream open() throws IOException;
}
