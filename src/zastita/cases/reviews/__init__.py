"""Reviews of a case (поновни преглед): the deadline of the next one, and the review
itself, which assesses each goal of the plan in force and decides what follows."""
