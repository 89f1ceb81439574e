package dev.cftokens.maven;

import dev.cftokens.runtime.provision.RotationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Gives each rotating token whose generation is due its successor and deletes previous generations whose
 * overlap has ended, as {@code cftokens-cli rotate} does: for a scheduled CI job.
 * {@code -Dcftokens.rotate.now=deploy-token} rotates the named declarations whether or not they are due;
 * with {@code -Dcftokens.rotate.revokePrevious=true} the generation replaced is deleted at once.
 */
@Mojo(name = "rotate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class RotateMojo extends AbstractCftokensMojo {
    /** Declaration ids to rotate now, due or not; empty for the due ones only. */
    @Parameter(property = "cftokens.rotate.now")
    List<String> now = new ArrayList<>();

    /** Delete the generations that {@code now} replaces at once, as for a leaked token. */
    @Parameter(property = "cftokens.rotate.revokePrevious", defaultValue = "false")
    boolean revokePrevious;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (revokePrevious && now.isEmpty()) {
            throw new MojoFailureException("cftokens: cftokens.rotate.revokePrevious needs the ids to rotate in"
                    + " cftokens.rotate.now, such as -Dcftokens.rotate.now=deploy-token");
        }
        RotationRequest request =
                now.isEmpty() ? RotationRequest.DUE : new RotationRequest(Set.copyOf(now), revokePrevious);
        withDeclarations(provisioners -> provisioning(cloudflare()).rotate(provisioners, request));
    }
}
