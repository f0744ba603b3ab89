package io.lathe.server.instances;

import io.lathe.server.plugins.points.ExtensionPoint;
import java.util.Optional;

/**
 * What a feature's records say about configured instances: a project names its default data store and environment,
 * a datum the data store that holds it, an execution the environment it ran in. Features implement it as CDI beans;
 * {@link InstanceAdmin} asks every one before it deletes an instance, so that no record is left naming one that is
 * gone, and this package needs to know none of them.
 */
public interface InstanceUsage {

    /**
     * How many of this feature's records name the instance, as a sentence counts them ({@code 2 projects}); empty
     * when none does.
     */
    Optional<String> usesOf(ExtensionPoint<?, ?> point, String name);
}
