package dev.cftokens.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.cftokens.core.model.TokenDeclaration;
import dev.cftokens.core.rules.RotationRules;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Modifier;
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
    static final String INDEX_DIRECTORY = TokenDeclaration.INDEX_DIRECTORY;

    private static final ClassName STRING = ClassName.get(String.class);

    private final Filer filer;
    private final Elements elements;

    ProvisionerWriter(Filer filer, Elements elements) {
        this.filer = filer;
        this.elements = elements;
    }

    void write(TokenModel token) throws IOException {
        javaFile(token, ProvisionerDependencies.generatedAnnotationVisible(elements, token.element()))
                .writeTo(filer);
        FileObject index = filer.createResource(
                StandardLocation.CLASS_OUTPUT, "", INDEX_DIRECTORY + token.provisionerBinaryName(), token.element());
        try (Writer writer = index.openWriter()) {
            writer.write(token.provisionerBinaryName() + "\n");
        }
    }

    /** The provisioner's source; separate from {@link #write} so tests and the golden files can read it. */
    static JavaFile javaFile(TokenModel token, boolean generatedAnnotation) {
        TokenDeclaration declaration = token.declaration();
        ClassName self = token.provisionerType();
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addOriginatingElement(token.element())
                .addJavadoc(
                        "Provisions the token declared by {@link $T}, id {@code $L}.\n",
                        token.tokenType(),
                        declaration.id());
        // The schedule said in words for whoever reads the provisioner while debugging a rotation.
        declaration
                .rotation()
                .ifPresent(rotation -> type.addJavadoc(
                        "It rotates itself: $L (each generation expires at most $L after it is issued).\n",
                        rotation,
                        RotationRules.format(rotation.maxLifetime())));
        if (generatedAnnotation) {
            type.addAnnotation(AnnotationSpec.builder(ProvisionerDependencies.GENERATED)
                    .addMember("value", "$S", ApiTokenProcessor.class.getName())
                    .build());
        }
        type.addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(
                        ProvisionerDependencies.ABSTRACT_TOKEN_PROVISIONER, token.tokenType()));

        // The declaration travels as JSON in a text block: javac compiles a string literal for nearly nothing,
        // while the same declaration as constructor calls cost more than everything else in the file.
        MethodSpec constructor = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(ArrayTypeName.of(STRING), "inputValues")
                .varargs()
                .addCode("super($T.class, $L, inputValues);\n", token.tokenType(), declarationLiteral(declaration))
                .build();

        // The user's input names appear only as create()'s parameters, passed straight on to the constructor,
        // so no input can shadow a name the generated code uses (an input named String or inputValues).
        MethodSpec.Builder create = MethodSpec.methodBuilder("create")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addJavadoc(
                        declaration.inputs().isEmpty()
                                ? "The provisioner of {@code $L}; {@code provision(cloudflare)} makes its token exist as declared.\n"
                                : "The provisioner of {@code $L} for these input values; {@code provision(cloudflare)}\nmakes its"
                                        + " token exist as declared.\n",
                        declaration.id());
        List<CodeBlock> arguments = new ArrayList<>();
        for (String input : declaration.inputs()) {
            create.addParameter(STRING, input);
            create.addJavadoc("\n@param $L the value of {@code {$L}} in the resource keys; not null", input, input);
            arguments.add(CodeBlock.of("$N", input));
        }
        create.addStatement("return new $T($L)", self, arguments(arguments));

        type.addMethod(constructor).addMethod(create.build());
        return JavaFile.builder(self.packageName(), type.build())
                .skipJavaLangImports(true)
                .build();
    }

    /**
     * A class file holds a string constant of at most 65,535 bytes; the JSON is pure ASCII, so this many
     * characters fit with room to spare.
     */
    static final int MAX_CONSTANT_CHARS = 60_000;

    /**
     * The declaration's JSON as a text block, to be read; or, past what one string constant can hold
     * (a policy listing a thousand zones), as {@code String.join("", "...", "...")} of constants that do.
     */
    static CodeBlock declarationLiteral(TokenDeclaration declaration) {
        String json = declaration.toJson();
        if (json.length() <= MAX_CONSTANT_CHARS) {
            return CodeBlock.of("\"\"\"\n$>$>$L\"\"\"$<$<", textBlockContent(json));
        }
        List<CodeBlock> parts = new ArrayList<>();
        for (int start = 0; start < json.length(); start += MAX_CONSTANT_CHARS) {
            parts.add(CodeBlock.of("$S", json.substring(start, Math.min(json.length(), start + MAX_CONSTANT_CHARS))));
        }
        return CodeBlock.of("$T.join(\"\",\n$>$>$L)$<$<", String.class, CodeBlock.join(parts, ",\n"));
    }

    /**
     * {@code text} as the inside of a Java text block: every backslash doubled, so that JSON's escapes (its
     * unicode escapes too, which javac would otherwise decode first) reach the JSON reader unchanged, and
     * no three quotes in a row.
     */
    static String textBlockContent(String text) {
        String escaped = text.replace("\\", "\\\\");
        while (escaped.contains("\"\"\"")) {
            escaped = escaped.replace("\"\"\"", "\"\"\\\"");
        }
        return escaped;
    }

    /** One argument on the line of its call; several, one per line. */
    private static CodeBlock arguments(List<CodeBlock> arguments) {
        if (arguments.size() <= 1) {
            return CodeBlock.join(arguments, ", ");
        }
        return CodeBlock.of("\n$>$>$L$<$<", CodeBlock.join(arguments, ",\n"));
    }
}
