package io.lathe.server.it.greeter;

import io.lathe.server.plugins.points.ExtensionPoint;
import io.lathe.server.plugins.points.Guard;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * The descriptor of the test-only extension point: all the server is told of it. {@code ExtensionPointIT} adds this
 * package to the server's WAR as a library; the admin API then serves greeters at {@code /api/v1/admin/greeters},
 * their calls are guarded with the plain time limit, plugins that offer greeter factories list them under the point
 * {@code greeter}, and the live instances are kept like any other point's.
 */
@Dependent
public class GreeterPoint {

    @Produces
    public static final ExtensionPoint<GreeterFactory, Greeter> GREETER = ExtensionPoint.withConfiguredInstances(
            "greeter", "Greeter", GreeterFactory.class, Greeter.class,
            new ExtensionPoint.InstanceNames("greeter", "greeters", "greeters"), Guard.everyCall(Greeter.class));
}
