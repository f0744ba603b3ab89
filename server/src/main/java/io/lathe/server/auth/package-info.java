/**
 * Who is calling and what they may do: the {@code @Access} rule every endpoint declares, the filter that
 * authenticates API tokens and applies the rule, {@code AccessControl} (the one place that decides a user's role in a
 * project), console sessions, and the users, tokens and members these read. Their administration is in
 * {@code accounts}.
 */
package io.lathe.server.auth;
