package io.lathe.server.it.greeter;

/**
 * The instances of the test-only extension point {@code greeter}, as its plugin-api would declare them: a point no
 * real feature has, declared in the tests to show that a new point is one descriptor ({@link GreeterPoint}) plus its
 * interfaces, and that everything generic about points serves it.
 */
public interface Greeter extends AutoCloseable {

    /** A greeting for {@code who}. */
    String greet(String who);

    @Override
    void close();
}
