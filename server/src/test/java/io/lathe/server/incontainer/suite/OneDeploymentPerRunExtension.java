package io.lathe.server.incontainer.suite;

import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link OneDeploymentPerRun} with Arquillian on the test side (through {@code META-INF/services}). */
public class OneDeploymentPerRunExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(OneDeploymentPerRun.class);
    }
}
