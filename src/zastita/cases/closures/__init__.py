"""The closure of a case (form 12): prepared by the worker, written on the platform's forms,
approved by the head of service, whose approval closes the case and issues the form."""
