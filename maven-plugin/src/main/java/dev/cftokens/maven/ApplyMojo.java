package dev.cftokens.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Creates, updates, repairs and deletes tokens so Cloudflare matches the project's declarations; tokens the
 * state records that are no longer declared are deleted.
 */
@Mojo(name = "apply", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class ApplyMojo extends AbstractCftokensMojo {
    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        withDeclarations(provisioners -> provisioning(cloudflare()).apply(provisioners));
    }
}
