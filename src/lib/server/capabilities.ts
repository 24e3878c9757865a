/**
 * Every capability that registers scheduled jobs, notification kinds or file purposes. The
 * server imports this before its job runner starts, so that a reminder falling due right after a
 * restart finds its handler even before any page of that capability has been opened.
 */
import './rfi/index.ts';
