package dev.cftokens.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.cftokens.core.model.PermissionGroupRef;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes what a valid declaration turns into: the {@code <Interface>Provisioner} source and its entry in
 * {@code META-INF/cftokens/}, both with the interface as their only originating element (Gradle's
 * isolating mode relies on it).
 */
final class ProvisionerWriter {
  /** The directory of the class path where the CLI finds every generated provisioner. */
  static final String INDEX_DIRECTORY = "META-INF/cftokens/";

  private static final String CORE_MODEL = "dev.cftokens.core.model";
  private static final String RUNTIME = "dev.cftokens.runtime";
  private static final ClassName TOKEN_DECLARATION = ClassName.get(CORE_MODEL, "TokenDeclaration");
  private static final ClassName POLICY_DECLARATION = ClassName.get(CORE_MODEL, "PolicyDeclaration");
  private static final ClassName PERMISSION_GROUP_REF = ClassName.get(CORE_MODEL, "PermissionGroupRef");
  private static final ClassName POLICY_EFFECT = ClassName.get(CORE_MODEL, "PolicyEffect");
  private static final ClassName TOKEN_OWNER = ClassName.get(CORE_MODEL, "TokenOwner");
  private static final ClassName REQUEST_IP_CONDITION = ClassName.get(CORE_MODEL, "RequestIpCondition");
  private static final ClassName TOKEN_PROVISIONER = ClassName.get(RUNTIME, "TokenProvisioner");
  private static final ClassName PROVISIONED_TOKEN = ClassName.get(RUNTIME, "ProvisionedToken");
  private static final ClassName PROVISIONING = ClassName.get(RUNTIME, "Provisioning");
  private static final ClassName CLOUDFLARE = ClassName.get(RUNTIME, "Cloudflare");
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  private static final ClassName STRING = ClassName.get(String.class);
  private static final int MAP_OF_MAX_ENTRIES = 10;

  private final Filer filer;
  private final Elements elements;

  ProvisionerWriter(Filer filer, Elements elements) {
    this.filer = filer;
    this.elements = elements;
  }

  void write(TokenModel token) throws IOException {
    javaFile(token, generatedAnnotationVisible(elements, token.element())).writeTo(filer);
    FileObject index = filer.createResource(
        StandardLocation.CLASS_OUTPUT, "", INDEX_DIRECTORY + token.provisionerBinaryName(), token.element());
    try (Writer writer = index.openWriter()) {
      writer.write(token.provisionerBinaryName() + "\n");
    }
  }

  /**
   * Whether the provisioner of {@code type} may carry {@code @javax.annotation.processing.Generated}: that
   * annotation lives in module java.compiler, which a modular project rarely requires, and a reference it
   * cannot read would not compile. As AutoValue and Dagger do, the annotation is added only when the
   * interface's module reads it (the unnamed module of a class-path build reads every module).
   */
  static boolean generatedAnnotationVisible(Elements elements, TypeElement type) {
    ModuleElement module = elements.getModuleOf(type);
    TypeElement generated = module == null
        ? elements.getTypeElement(GENERATED.canonicalName())
        : elements.getTypeElement(module, GENERATED.canonicalName());
    return generated != null;
  }

  /** The provisioner's source; separate from {@link #write} so tests and the golden files can read it. */
  static JavaFile javaFile(TokenModel token, boolean generatedAnnotation) {
    ClassName self = token.provisionerType();
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addOriginatingElement(token.element())
        .addJavadoc("Provisions the token declared by {@link $T}, id {@code $L}.\n", token.tokenType(), token.id());
    if (generatedAnnotation) {
      type.addAnnotation(AnnotationSpec.builder(GENERATED)
          .addMember("value", "$S", ApiTokenProcessor.class.getName())
          .build());
    }
    type.addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(TOKEN_PROVISIONER, token.tokenType()))
        .addField(FieldSpec.builder(TOKEN_DECLARATION, "DECLARATION", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(declaration(token))
            .build());

    // The user's input names appear only as create()'s parameters and as string literals: as fields or as
    // names used anywhere else they would shadow what the generated code refers to (an input named List,
    // Map, DECLARATION, requireNonNull...). create() passes them straight to inputMap(), whose parameters
    // are arg0..argN, so no type or member the body uses can be shadowed by a user's name.
    TypeName stringMap = ParameterizedTypeName.get(ClassName.get(Map.class), STRING, STRING);
    type.addField(stringMap, "inputs", Modifier.PRIVATE, Modifier.FINAL);
    MethodSpec constructor = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(stringMap, "inputs")
        .addStatement("this.inputs = inputs")
        .build();
    MethodSpec.Builder create = MethodSpec.methodBuilder("create")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(self);
    MethodSpec.Builder inputMap = MethodSpec.methodBuilder("inputMap")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(stringMap);
    List<CodeBlock> arguments = new ArrayList<>();
    List<CodeBlock> entries = new ArrayList<>();
    List<CodeBlock> pairs = new ArrayList<>();
    for (int i = 0; i < token.inputs().size(); i++) {
      String input = token.inputs().get(i);
      String parameter = "arg" + i;
      create.addParameter(STRING, input);
      inputMap.addParameter(STRING, parameter);
      arguments.add(CodeBlock.of("$N", input));
      CodeBlock value = CodeBlock.of("$T.requireNonNull($N, $S)", Objects.class, parameter, input);
      entries.add(CodeBlock.of("$T.entry($S, $L)", Map.class, input, value));
      pairs.add(CodeBlock.of("$S, $L", input, value));
    }
    if (token.inputs().isEmpty()) {
      create.addStatement("return new $T($T.of())", self, Map.class);
    } else {
      create.addStatement("return new $T(inputMap($L))", self, arguments(arguments));
      if (token.inputs().size() <= MAP_OF_MAX_ENTRIES) {
        // Map.of(k1, v1, ...) reads best and costs javac less than ofEntries(entry(...)); it stops at ten.
        inputMap.addStatement("return $T.of($L)", Map.class, arguments(pairs));
      } else {
        inputMap.addStatement("return $T.ofEntries($L)", Map.class, arguments(entries));
      }
    }

    TypeName tokenClass = ParameterizedTypeName.get(ClassName.get(Class.class), token.tokenType());
    MethodSpec.Builder inputs = override("inputs").returns(stringMap).addStatement("return inputs");

    type.addMethod(constructor)
        .addMethod(create.build());
    if (!token.inputs().isEmpty()) {
      type.addMethod(inputMap.build());
    }
    type.addMethod(override("tokenType").returns(tokenClass)
            .addStatement("return $T.class", token.tokenType())
            .build())
        .addMethod(override("declaration").returns(TOKEN_DECLARATION)
            .addStatement("return DECLARATION")
            .build())
        .addMethod(inputs.build())
        .addMethod(override("provision")
            .returns(ParameterizedTypeName.get(PROVISIONED_TOKEN, token.tokenType()))
            .addParameter(CLOUDFLARE, "cloudflare")
            .addStatement("return $T.with(cloudflare).provision(this)", PROVISIONING)
            .build());

    return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private static MethodSpec.Builder override(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
  }

  /**
   * {@code new TokenDeclaration(...)}, one argument per line so the generated code reads like the
   * interface. Collections carry explicit type arguments ({@code List.<String>of(...)}): without them
   * javac infers every nested call, which doubled the time to compile a provisioner.
   */
  private static CodeBlock declaration(TokenModel token) {
    List<CodeBlock> policies = new ArrayList<>();
    for (PolicyModel policy : token.policies()) {
      policies.add(policy(policy));
    }
    List<CodeBlock> inputs = new ArrayList<>();
    token.inputs().forEach(input -> inputs.add(CodeBlock.of("$S", input)));
    return CodeBlock.builder()
        .add("new $T(\n", TOKEN_DECLARATION)
        .indent().indent()
        .add("$S,\n", token.id())
        .add("$S,\n", token.name())
        .add("$T.$L,\n", TOKEN_OWNER, token.owner().name())
        .add("$T.<$T>of(\n", List.class, POLICY_DECLARATION)
        .indent().indent()
        .add(CodeBlock.join(policies, ",\n"))
        .unindent().unindent()
        .add("),\n")
        .add("$L,\n", condition(token))
        .add("$L,\n", instant(token.notBefore()))
        .add("$L,\n", instant(token.expiresOn()))
        .add("$T.<$T>of($L))", List.class, STRING, CodeBlock.join(inputs, ", "))
        .unindent().unindent()
        .build();
  }

  private static CodeBlock policy(PolicyModel policy) {
    List<CodeBlock> groups = new ArrayList<>();
    for (PermissionGroupRef group : policy.groups()) {
      groups.add(CodeBlock.of("new $T($S, $S)", PERMISSION_GROUP_REF, group.id(), group.name()));
    }
    return CodeBlock.builder()
        .add("new $T(\n", POLICY_DECLARATION)
        .indent().indent()
        .add("$T.$L,\n", POLICY_EFFECT, policy.effect().name())
        .add("$L,\n", listOf(PERMISSION_GROUP_REF, groups))
        .add("$L,\n", listOf(STRING, literals(policy.resources())))
        .add("$S)", policy.within())
        .unindent().unindent()
        .build();
  }

  private static CodeBlock condition(TokenModel token) {
    if (token.ipIn().isEmpty() && token.ipNotIn().isEmpty()) {
      return CodeBlock.of("$T.NONE", REQUEST_IP_CONDITION);
    }
    return CodeBlock.of("new $T($T.<$T>of($L), $T.<$T>of($L))", REQUEST_IP_CONDITION,
        Set.class, STRING, strings(token.ipIn()), Set.class, STRING, strings(token.ipNotIn()));
  }

  private static CodeBlock instant(Instant instant) {
    return instant == null ? CodeBlock.of("null") : CodeBlock.of("$T.parse($S)", Instant.class, instant.toString());
  }

  private static CodeBlock strings(List<String> values) {
    return CodeBlock.join(literals(values), ", ");
  }

  private static List<CodeBlock> literals(List<String> values) {
    List<CodeBlock> literals = new ArrayList<>();
    values.forEach(value -> literals.add(CodeBlock.of("$S", value)));
    return literals;
  }

  /** One argument on the line of its call; several, one per line. */
  private static CodeBlock arguments(List<CodeBlock> arguments) {
    if (arguments.size() <= 1) {
      return CodeBlock.join(arguments, ", ");
    }
    return CodeBlock.of("\n$>$>$L$<$<", CodeBlock.join(arguments, ",\n"));
  }

  /** {@code List.<E>of(a)} on one line; with several elements, one per line. */
  private static CodeBlock listOf(ClassName elementType, List<CodeBlock> elements) {
    if (elements.size() <= 1) {
      return CodeBlock.of("$T.<$T>of($L)", List.class, elementType, CodeBlock.join(elements, ", "));
    }
    return CodeBlock.of("$T.<$T>of(\n$>$>$L$<$<)", List.class, elementType, CodeBlock.join(elements, ",\n"));
  }
}
