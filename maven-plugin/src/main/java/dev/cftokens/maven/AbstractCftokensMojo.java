package dev.cftokens.maven;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareException;
import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.provision.ProvisioningException;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStoreSettings;
import dev.cftokens.runtime.state.StateStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares with the command line: credentials from {@code CLOUDFLARE_*}, the passphrase from
 * {@code CFTOKENS_PASSPHRASE}, and the settings of its flags as parameters with {@code cftokens.*} user
 * properties. Runtime failures (Cloudflare, the state, a change that failed) fail the build with the
 * runtime's message, which never holds a secret.
 */
abstract class AbstractCftokensMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Skips the goal. */
    @Parameter(property = "cftokens.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * The state: a file (relative paths are under the project's directory) or a JDBC URL such as {@code
     * jdbc:postgresql://db:5432/app}; default {@code CFTOKENS_STATE}, else {@code .cftokens/state.json}.
     * Its key comes from {@code CFTOKENS_KEY} or {@code CFTOKENS_PASSPHRASE}.
     */
    @Parameter(property = "cftokens.state")
    protected String state;

    /**
     * Input values, one element per input named {@code <declaration id>.<input>}, such as {@code
     * <restricted-token.zoneId>023e...</restricted-token.zoneId>}; on the command line {@code
     * -Dcftokens.inputs.restricted-token.zoneId=023e...}, which wins.
     */
    @Parameter
    protected Map<String, String> inputs = new LinkedHashMap<>();

    /**
     * Changes carried out at once, 1 to 64; unset, as many as Cloudflare's rate limit and the measured round
     * trip keep busy, as on the command line and in the starter.
     */
    @Parameter(property = "cftokens.parallelism")
    protected Integer parallelism;

    /**
     * Whether a declaration with no recorded token adopts an unrecorded token with exactly its name and
     * grants (as the CLI does unless {@code --no-adopt}).
     */
    @Parameter(property = "cftokens.adopt", defaultValue = "true")
    protected boolean adopt;

    /** Cloudflare's API base URL; default {@code CLOUDFLARE_BASE_URL}, else Cloudflare's. */
    @Parameter(property = "cftokens.baseUrl")
    protected String baseUrl;

    /** The account; default {@code CLOUDFLARE_ACCOUNT_ID}, else the one the credentials see. */
    @Parameter(property = "cftokens.accountId")
    protected String accountId;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("cftokens: skipped (cftokens.skip)");
            return;
        }
        try {
            run();
        } catch (CloudflareException
                | StateException
                | ProvisioningException
                | IllegalArgumentException
                | IllegalStateException
                | UncheckedIOException e) {
            // Every one of these carries a message meant for the user and never a secret.
            throw new MojoFailureException("cftokens: " + e.getMessage(), e);
        }
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The client of the {@code CLOUDFLARE_*} variables, with the base URL and account parameters on top. */
    Cloudflare cloudflare() {
        return Cloudflare.builderFrom(settings())
                .userAgent("cftokens-maven-plugin")
                .build();
    }

    /**
     * The runtime's variables as the goals read them: the parameter that stands for one when it is set, else
     * the variable from the environment. The runtime applies its own rules to what this gives, as it does to
     * the command line's environment.
     */
    Function<String, String> settings() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(Cloudflare.ENV_ACCOUNT_ID, accountId);
        parameters.put(Cloudflare.ENV_BASE_URL, baseUrl);
        parameters.put(StateStores.STATE_VARIABLE, state);
        return variable -> {
            String parameter = parameters.get(variable);
            return parameter == null || parameter.isBlank() ? System.getenv(variable) : parameter;
        };
    }

    /** The runtime's entry with this goal's settings, printing to the build's log. */
    Provisioning provisioning(Cloudflare cloudflare) {
        return provisioning(cloudflare, stateStore());
    }

    /** The state this goal's settings name. */
    StateStore stateStore() {
        return StateStores.create(stateSettings());
    }

    /** The runtime's entry with this goal's settings and {@code store}, printing to the build's log. */
    Provisioning provisioning(Cloudflare cloudflare, StateStore store) {
        Provisioning provisioning = Provisioning.with(cloudflare)
                .stateStore(store)
                .output(line -> line.lines().forEach(getLog()::info))
                .adoptUnrecorded(adopt);
        return parallelism == null ? provisioning : provisioning.parallelism(parallelism);
    }

    private StateStoreSettings stateSettings() {
        StateStoreSettings settings = StateStores.settingsFrom(
                settings(), state == null || state.isBlank() ? StateStores.STATE_VARIABLE : "cftokens.state");
        String location = settings.location();
        if (!location.contains(":") || Path.of(location).isAbsolute()) {
            // A path, not a URL: relative to the project, wherever Maven was started.
            return settings.withLocation(
                    project.getBasedir().toPath().resolve(location).toString());
        }
        return settings;
    }

    /** Runs {@code action} with the provisioners declared on the project's runtime class path. */
    <T> T withDeclarations(DeclarationsAction<T> action) throws MojoExecutionException, MojoFailureException {
        List<Path> classPath = runtimeClassPath();
        try (URLClassLoader loader = classLoader(classPath)) {
            Map<String, Map<String, String>> inputs = ProjectInputs.byDeclaration(effectiveInputs());
            Declarations.Found found = Declarations.on(loader, classPath).load(inputs);
            List<TokenProvisioner<?>> provisioners = found.provisioners();
            // Said before the inputs are checked: with no declarations, every input names none of theirs.
            if (provisioners.isEmpty() && found.needsInputs().isEmpty()) {
                // Planning an empty set deletes every recorded token: never because the classes were not compiled.
                throw new MojoFailureException("cftokens: no declarations were found under "
                        + Declarations.DIRECTORY + " in "
                        + project.getBuild().getOutputDirectory()
                        + " or the project's dependencies; compile the project first (mvn compile cftokens:"
                        + "<goal>) with cftokens-processor in the compiler's annotationProcessorPaths, or use"
                        + " cftokens:destroy to delete every token in the state");
            }
            ProjectInputs.check(inputs, found);
            return action.run(provisioners);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot close the project's class loader: " + e.getMessage(), e);
        }
    }

    /** What a goal does with the declarations. */
    @FunctionalInterface
    interface DeclarationsAction<T> {
        T run(List<TokenProvisioner<?>> provisioners) throws MojoFailureException;
    }

    /** The configured inputs with {@code -Dcftokens.inputs.<id>.<input>=...} user properties over them. */
    private Map<String, String> effectiveInputs() {
        Map<String, String> effective = new LinkedHashMap<>(inputs);
        session.getUserProperties().forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith(ProjectInputs.INPUT_PROPERTY)) {
                effective.put(name.substring(ProjectInputs.INPUT_PROPERTY.length()), value.toString());
            }
        });
        return effective;
    }

    private List<Path> runtimeClassPath() throws MojoExecutionException {
        try {
            List<Path> paths = new ArrayList<>();
            for (String element : project.getRuntimeClasspathElements()) {
                paths.add(Path.of(element));
            }
            return paths;
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the project's runtime class path is not resolved: " + e.getMessage(), e);
        }
    }

    /**
     * The project's classes over the plugin's own: the runtime types the generated provisioners extend are
     * the plugin's, so the engine and the provisioners agree on them.
     */
    private static URLClassLoader classLoader(List<Path> classPath) throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        for (Path entry : classPath) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("class path entry " + entry + " is not a usable path", e);
            }
        }
        return new URLClassLoader(
                "cftokens-project", urls.toArray(new URL[0]), AbstractCftokensMojo.class.getClassLoader());
    }
}
