/**
 * The {@code storage-s3} plugin: a data store in a bucket of Amazon S3 or any S3-compatible server, through the AWS
 * SDK, streaming both ways.
 */
package io.lathe.plugins.storage.s3;
