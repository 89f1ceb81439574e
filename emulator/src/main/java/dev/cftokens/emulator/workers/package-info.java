/** Internal: Worker scripts uploaded as multipart/form-data, their bindings and secrets. */
package dev.cftokens.emulator.workers;
