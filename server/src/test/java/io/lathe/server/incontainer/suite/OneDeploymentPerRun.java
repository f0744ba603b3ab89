package io.lathe.server.incontainer.suite;

import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentScenario;
import org.jboss.arquillian.container.spi.event.DeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.container.spi.event.UnDeployManagedDeployments;
import org.jboss.arquillian.container.test.impl.client.deployment.event.GenerateDeployment;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.test.spi.annotation.ClassScoped;
import org.jboss.arquillian.test.spi.event.suite.AfterSuite;

/**
 * Keeps the first test class's deployment for every later class of the run. Arquillian deploys per test class, and
 * the Payara Micro container starts a Payara for each deployment (15-30 s here); the in-container tests all deploy
 * the same archive (ROOT.war with the whole test package), so one deployment serves them all. The first class
 * generates and deploys it as usual; later classes are handed the same deployment scenario, whose deployment context
 * still holds where the test servlet answers, and their deploy and undeploy are skipped. It is undeployed when the
 * run ends, which stops that Payara.
 */
public class OneDeploymentPerRun {

    @Inject
    @ClassScoped
    private InstanceProducer<DeploymentScenario> classScenario;

    @Inject
    private Instance<ContainerRegistry> containers;

    @Inject
    private Event<UnDeployDeployment> undeploy;

    /** The scenario deployed by the first class, once its deployment succeeded. */
    private DeploymentScenario deployed;

    public void generate(@Observes EventContext<GenerateDeployment> generation) {
        if (deployed == null) {
            generation.proceed();
        } else {
            classScenario.set(deployed);
        }
    }

    public void deploy(@Observes EventContext<DeployManagedDeployments> deployment) {
        if (deployed == null) {
            deployment.proceed();
            deployed = classScenario.get();
        }
    }

    public void keepDeployedAfterClass(@Observes EventContext<UnDeployManagedDeployments> undeployment) {
        if (deployed == null) {
            undeployment.proceed();
        }
    }

    /** Runs before the suite's containers stop (a higher precedence is notified first). */
    public void undeployAtEnd(@Observes(precedence = 100) AfterSuite event) {
        if (deployed == null) {
            return;
        }
        for (Deployment deployment : deployed.deployedDeploymentsInUnDeployOrder()) {
            Container container = containers.get().getContainer(deployment.getDescription().getTarget());
            if (container.getState() == Container.State.STARTED) {
                undeploy.fire(new UnDeployDeployment(container, deployment));
            }
        }
        deployed = null;
    }
}
