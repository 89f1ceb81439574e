package dev.cftokens.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Deletes every token in the state, or those of the named declarations, tolerating tokens already gone. */
@Mojo(name = "destroy", threadSafe = true, requiresProject = true)
public class DestroyMojo extends AbstractCftokensMojo {
    /** Declaration ids whose tokens to delete; default every token in the state. */
    @Parameter(property = "cftokens.destroy")
    List<String> declarations = new ArrayList<>();

    @Override
    void run() {
        if (declarations.isEmpty()) {
            provisioning(cloudflare()).destroy();
        } else {
            provisioning(cloudflare()).destroy(declarations.toArray(new String[0]));
        }
    }
}
