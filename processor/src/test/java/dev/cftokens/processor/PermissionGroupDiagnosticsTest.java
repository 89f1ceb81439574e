package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Permission-group names: unknown (with and without "did you mean"), empty, shared by scopes. */
class PermissionGroupDiagnosticsTest {
  @Test
  void unknownNameIsAnErrorOnThatStringWithTheClosestName() {
    JavaFileObject source = Sources.acme("RouteToken",
        "@ApiToken",
        "@Policy(permissionGroups = {\"Zone Read\",",
        "                            \"Worker Routes Edit\"},",
        "        resources = \"com.cloudflare.api.account.zone.*\")",
        "public interface RouteToken {}");

    Compilation compilation = Compilers.javac().compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[cftokens:unknown-permission-group] unknown permission group \"Worker Routes Edit\";"
            + " did you mean \"Workers Routes Write\"?")
        .inFile(source)
        .onLineContaining("\"Worker Routes Edit\"");
  }
}
