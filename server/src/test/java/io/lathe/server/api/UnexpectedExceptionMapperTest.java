package io.lathe.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import org.junit.jupiter.api.Test;

class UnexpectedExceptionMapperTest {

    @Test
    void aSyntaxErrorIsReportedWithItsLineAndColumn() {
        JsonParsingException syntax = new JsonParsingException("Invalid token=EOF", location(3, 14));
        JsonbException wrapped = new JsonbException("Internal error: " + syntax.getMessage(), syntax);

        ApiError error = ApiError.of(UnexpectedExceptionMapper.invalidJson(wrapped, wrapped));

        assertEquals("invalid-json", error.error());
        assertEquals("the request body is not valid JSON (line 3, column 14); send one JSON object", error.message());
    }

    @Test
    void aValueOfTheWrongTypeNamesItsFieldAndNoJavaClass() {
        JsonbException binding = new JsonbException("Unable to deserialize property 'project' because of: Incorrect"
                + " position for processing type: class java.lang.String. Received event: START_OBJECT");

        ApiError error = ApiError.of(UnexpectedExceptionMapper.invalidJson(binding, binding));

        assertEquals("project", error.field());
        assertFalse(error.message().contains("java."), error.message());
    }

    @Test
    void anythingElseGetsAGeneralMessageWithoutJavasWords() {
        JsonbException odd = new JsonbException("Unexpected state: END_ARRAY in class io.lathe.X");

        ApiError error = ApiError.of(UnexpectedExceptionMapper.invalidJson(odd, odd));

        assertNull(error.field());
        assertFalse(error.message().contains("END_ARRAY") || error.message().contains("io.lathe"), error.message());
    }

    private static JsonLocation location(long line, long column) {
        return new JsonLocation() {
            @Override
            public long getLineNumber() {
                return line;
            }

            @Override
            public long getColumnNumber() {
                return column;
            }

            @Override
            public long getStreamOffset() {
                return 0;
            }
        };
    }
}
