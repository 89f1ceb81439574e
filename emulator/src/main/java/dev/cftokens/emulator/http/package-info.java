/** Internal: routing, Cloudflare's envelope, error codes, request reading and multipart parsing. */
package dev.cftokens.emulator.http;
