package dev.cftokens.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.PermissionGroupRef;
import dev.cftokens.core.model.PolicyDeclaration;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.core.model.TokenDeclaration;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.runtime.TokenProvisioner;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the generated provisioners: what they declare is what the interface said. */
class GeneratedProvisionerTest {
    private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String ZONE = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path directory;

    @Test
    void restrictedTokenDeclaresWhatItsAnnotationsSay() throws Throwable {
        TokenProvisioner<?> provisioner = create(Sources.restrictedToken(), "com.acme.RestrictedToken", ZONE);

        assertThat(provisioner.tokenType().getName()).isEqualTo("com.acme.RestrictedToken");
        assertThat(provisioner.inputs()).isEqualTo(Map.of("zoneId", ZONE));
        TokenDeclaration declaration = provisioner.declaration();
        assertThat(declaration)
                .isEqualTo(new TokenDeclaration(
                        "restricted-token",
                        "Restricted Access Token",
                        TokenOwner.ACCOUNT,
                        List.of(new PolicyDeclaration(
                                PolicyEffect.ALLOW,
                                List.of(new PermissionGroupRef(
                                        "28f4b596e7d643029c524985477ae49a", "Workers Routes Write")),
                                List.of("com.cloudflare.api.account.zone.{zoneId}"),
                                "")),
                        new RequestIpCondition(Set.of("192.168.1.0/24"), Set.of("192.168.1.100/32")),
                        Instant.parse("2030-01-01T00:00:00Z"),
                        Instant.parse("2030-12-31T23:59:59Z"),
                        List.of("zoneId")));

        TokenSpec spec = declaration.resolve(ACCOUNT, provisioner.inputs());
        assertThat(spec.policies())
                .containsExactly(new PolicySpec(
                        PolicyEffect.ALLOW,
                        Set.of("28f4b596e7d643029c524985477ae49a"),
                        Set.of(ResourceGrant.all("com.cloudflare.api.account.zone." + ZONE))));
    }

    @Test
    void aRotatingTokenHandsItsScheduleToTheRuntime() throws Throwable {
        TokenProvisioner<?> provisioner = create(Sources.deployToken(), "com.acme.DeployToken");

        TokenDeclaration declaration = provisioner.declaration();
        assertThat(declaration.rotation()).contains(new RotationPolicy(Duration.ofDays(30), Duration.ofDays(2)));
        assertThat(declaration.rotation().orElseThrow().maxLifetime()).isEqualTo(Duration.ofDays(62));
        assertThat(declaration.expiresOn()).isNull();
        // Rotation changes nothing Cloudflare holds: the spec is the one without @Rotation.
        assertThat(declaration.resolve(ACCOUNT, provisioner.inputs()))
                .isEqualTo(declaration.withRotation(null).resolve(ACCOUNT, provisioner.inputs()));
    }

    /** {@code value} as a Java string literal, everything outside printable ASCII as a unicode escape. */
    private static String javaLiteral(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }

    @Test
    void anyNameReachesTheRuntimeUnchanged() throws Throwable {
        // Line separators JavaPoet would break on, a lone surrogate, quotes, backslashes, JavaPoet's own $L,
        // a text block's delimiter, non-ASCII in a build whose encoding may not be UTF-8.
        String name = "caf\u00e9 \u65e5\u672c \u2028 \u2029 lone\ud800 \"q\" \\ \\u0041 $L $$ \"\"\" end\\";
        TokenProvisioner<?> provisioner = create(
                Sources.acme(
                        "Nasty",
                        "@ApiToken(id = \"nasty\", name = " + javaLiteral(name) + ")",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface Nasty {}"),
                "com.acme.Nasty");

        assertThat(provisioner.declaration().name()).isEqualTo(name);
    }

    @Test
    void aThousandExplicitZonesDoNotOverflowAStringConstant() throws Throwable {
        List<String> zones = java.util.stream.IntStream.range(0, 1_000)
                .mapToObj(i -> String.format("com.cloudflare.api.account.zone.%032x", i))
                .collect(java.util.stream.Collectors.toList());
        TokenProvisioner<?> provisioner = create(
                Sources.acme(
                        "ManyZones",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = {\"" + String.join("\", \"", zones)
                                + "\"})",
                        "public interface ManyZones {}"),
                "com.acme.ManyZones");

        assertThat(provisioner.declaration().policies().get(0).resources()).isEqualTo(zones);
    }

    @Test
    void nestedKeysResolveUnderTheProvisionedAccount() throws Throwable {
        TokenProvisioner<?> provisioner = create(
                Sources.acme(
                        "AllZones",
                        "@ApiToken(name = \"All zones\")",
                        "@Policy(permissionGroups = \"DNS Read\",",
                        "        within = \"com.cloudflare.api.account\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface AllZones {}"),
                "com.acme.AllZones");

        TokenSpec spec = provisioner.declaration().resolve(ACCOUNT, provisioner.inputs());

        assertThat(spec.name()).isEqualTo("All zones");
        assertThat(spec.policies())
                .singleElement()
                .satisfies(policy -> assertThat(policy.resources())
                        .containsExactly(new ResourceGrant(
                                "com.cloudflare.api.account." + ACCOUNT, Set.of("com.cloudflare.api.account.zone.*"))));
    }

    @Test
    void elevenInputsAreAllKept() throws Throwable {
        StringBuilder methods = new StringBuilder();
        StringBuilder bucket = new StringBuilder();
        String[] values = new String[11];
        for (int i = 0; i < 11; i++) {
            methods.append("  String part").append(i).append("();\n");
            values[i] = "value" + i;
        }
        // Eleven inputs are more than Map.of takes; every one must still be a used placeholder.
        String resources = java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> "\"com.cloudflare.api.account.zone.{part" + i + "}\"")
                .collect(java.util.stream.Collectors.joining(", "));
        TokenProvisioner<?> provisioner = create(
                Sources.acme(
                        "ManyZones",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = {" + resources + "})",
                        "public interface ManyZones {",
                        methods.toString(),
                        "}"),
                "com.acme.ManyZones",
                values);

        assertThat(provisioner.inputs())
                .hasSize(11)
                .containsEntry("part0", "value0")
                .containsEntry("part10", "value10");
        assertThat(provisioner.declaration().inputs()).hasSize(11).startsWith("part0", "part1");
    }

    @Test
    void inputsNamedLikeWhatTheProvisionerUsesStillCompile() throws Throwable {
        // Legal method names that used to become fields (or parameters) shadowing the generated code's types,
        // constants, fields and static imports.
        List<String> names = List.of(
                "List",
                "Map",
                "Set",
                "Instant",
                "Provisioning",
                "DECLARATION",
                "TokenOwner",
                "requireNonNull",
                "inputs",
                "Objects",
                "String",
                "cloudflare",
                "inputMap",
                "arg0",
                "ClashingProvisioner",
                "inputValues",
                "AbstractTokenProvisioner",
                "Clashing",
                "create",
                "Generated");
        StringBuilder methods = new StringBuilder();
        String resources = names.stream()
                .map(name -> "\"com.cloudflare.api.account.zone.{" + name + "}\"")
                .collect(java.util.stream.Collectors.joining(", "));
        String[] values = new String[names.size()];
        for (int i = 0; i < names.size(); i++) {
            methods.append("  String ").append(names.get(i)).append("();\n");
            values[i] = "value-of-" + names.get(i);
        }
        TokenProvisioner<?> provisioner = create(
                Sources.acme(
                        "Clashing",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = {" + resources + "})",
                        "public interface Clashing {",
                        methods.toString(),
                        "}"),
                "com.acme.Clashing",
                values);

        Map<String, String> expected = new java.util.HashMap<>();
        names.forEach(name -> expected.put(name, "value-of-" + name));
        assertThat(provisioner.inputs()).isEqualTo(expected);
        assertThat(provisioner.declaration().inputs()).isEqualTo(names);
    }

    @Test
    void createRejectsANullInputByName() throws Exception {
        Class<?> type = compile(Sources.restrictedToken(), "com.acme.RestrictedTokenProvisioner");
        Method create = type.getMethod("create", String.class);

        assertThatThrownBy(() -> invoke(create, (Object) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("the input zoneId of token restricted-token is null");
    }

    @Test
    void provisionerIsAFinalClassWithOnlyAPrivateConstructor() throws Exception {
        Class<?> type = compile(Sources.readonlyToken(), "com.acme.ReadonlyTokenProvisioner");

        assertThat(Modifier.isFinal(type.getModifiers())).isTrue();
        assertThat(type.getDeclaredConstructors())
                .allSatisfy(constructor -> assertThat(Modifier.isPrivate(constructor.getModifiers()))
                        .isTrue());
    }

    private TokenProvisioner<?> create(javax.tools.JavaFileObject source, String tokenType, String... inputs)
            throws Throwable {
        Class<?> type = compile(source, tokenType + "Provisioner");
        Class<?>[] parameters = new Class<?>[inputs.length];
        java.util.Arrays.fill(parameters, String.class);
        return (TokenProvisioner<?>) invoke(type.getMethod("create", parameters), (Object[]) inputs);
    }

    private static Object invoke(Method method, Object... arguments) throws Throwable {
        try {
            return method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Class<?> compile(javax.tools.JavaFileObject source, String className) throws Exception {
        DiskCompiler.Result result = DiskCompiler.javac().compile(directory, List.of(DiskCompiler.Source.of(source)));
        assertThat(result.success()).as("%s", result.diagnostics()).isTrue();
        return new URLClassLoader(
                        new URL[] {url(result.classOutput())}, getClass().getClassLoader())
                .loadClass(className);
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }
}
