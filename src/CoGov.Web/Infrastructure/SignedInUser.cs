using CoGov.Workflows.Common;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// Tells the engine who is signed in. Static pages and endpoints get it per request; an interactive circuit outlives the
/// request that opened it, so it is kept up to date from the circuit's authentication state.
/// </summary>
internal static class SignedInUser
{
    public static IServiceCollection AddSignedInUser(this IServiceCollection services) =>
        services.AddScoped<CircuitHandler, CircuitUser>();

    public static IApplicationBuilder UseSignedInUser(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.RequestServices.GetRequiredService<UserContext>().SignIn(context.User);
            await next(context);
        });

    private sealed class CircuitUser(AuthenticationStateProvider authentication, UserContext user) : CircuitHandler, IDisposable
    {
        public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            authentication.AuthenticationStateChanged += OnChanged;
            user.SignIn((await authentication.GetAuthenticationStateAsync()).User);
        }

        public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;

        private async void OnChanged(Task<AuthenticationState> state)
        {
            try
            {
                user.SignIn((await state).User);
            }
            catch (InvalidOperationException)
            {
                // The circuit is closing; there is no one left to act for.
            }
        }
    }
}
