/**
 * Reading {@code valohai.yaml} the way Valohai does (YAML 1.1, as PyYAML reads it): steps, parameters, inputs, their
 * values and the commands they become. A library of its own: it imports nothing of the rest of the server.
 */
package io.lathe.server.valohai;
