package dev.cftokens.maven;

import dev.cftokens.runtime.provision.Plan;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Prints what {@code apply} would change for the project's declarations, and changes nothing. With
 * {@code failOnChanges}, a plan with changes fails the build: the gate a CI pipeline runs before a deploy.
 */
@Mojo(name = "plan", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class PlanMojo extends AbstractCftokensMojo {
    /** Fails the build when the plan has changes. */
    @Parameter(property = "cftokens.failOnChanges", defaultValue = "false")
    boolean failOnChanges;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Plan plan = withDeclarations(provisioners -> provisioning(cloudflare()).plan(provisioners));
        if (failOnChanges && plan.hasChanges()) {
            throw new MojoFailureException("cftokens: the plan has changes (" + plan.summary()
                    + "); run cftokens:apply, or leave out -Dcftokens.failOnChanges to only print them");
        }
    }
}
