#lang scribble/manual
@(require (for-label racket/base greeting))

@title{Hello: an nx-raco example}

The @exec{hello} launcher greets each name given on its command line, or the world.

@section{The greeting library}

@defmodule[greeting]

@defproc[(greet [who string?] [lang (or/c 'en 'fr 'de) 'en]) string?]{
  Returns a greeting for @racket[who] in @racket[lang], e.g. @racket[(greet "Ada")] is
  @racket["Hello, Ada!"]. Built with @racket[string-append].}
