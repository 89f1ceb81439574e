package dev.cftokens.maven;

import dev.cftokens.runtime.state.StateStore;
import java.io.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deletes every token in the state, or those of the named declarations, tolerating tokens already gone.
 * Deleting every token asks first on a terminal, and needs {@code -Dcftokens.yes} where nobody can answer
 * (batch mode, CI).
 */
@Mojo(name = "destroy", threadSafe = true, requiresProject = true)
public class DestroyMojo extends AbstractCftokensMojo {
    /** Declaration ids whose tokens to delete; default every token in the state. */
    @Parameter(property = "cftokens.destroy")
    List<String> declarations = new ArrayList<>();

    /** Deletes every token in the state without asking. */
    @Parameter(property = "cftokens.yes", defaultValue = "false")
    boolean yes;

    @Override
    void run() throws MojoFailureException {
        if (declarations.isEmpty()) {
            StateStore store = stateStore();
            confirm(store.describe());
            provisioning(cloudflare(), store).destroy();
        } else {
            provisioning(cloudflare()).destroy(declarations.toArray(new String[0]));
        }
    }

    /** Asks on a terminal before every token goes; refuses at once where nobody can answer. */
    private void confirm(String state) throws MojoFailureException {
        if (yes) {
            return;
        }
        Console console = session.getRequest().isInteractiveMode() ? System.console() : null;
        if (console == null || !isTerminal(console)) {
            throw new MojoFailureException("cftokens: destroy without -Dcftokens.destroy=<ids> deletes every token"
                    + " recorded in " + state + " from Cloudflare, and there is no terminal to confirm on (batch"
                    + " mode?); give -Dcftokens.yes to do so, or -Dcftokens.destroy=<ids> for some");
        }
        String answer = console.readLine(
                "%s", "Delete every token recorded in " + state + " from Cloudflare? Only 'yes' goes on: ");
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
            throw new MojoFailureException("cftokens: destroy cancelled; nothing was deleted");
        }
    }

    /** JDK 22 and later give a console even when redirected, and say with {@code isTerminal()} whether it is one. */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
