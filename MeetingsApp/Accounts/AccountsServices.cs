using MeetingsApp.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace MeetingsApp.Accounts;

public static class AccountsServices
{
    /// <summary>Users, roles and their EF Core store: what works without a web host too (seeding, verbs, tests).</summary>
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // The user name is the e-mail address, which may hold an apostrophe or letters beyond ASCII (o'brien@,
                // jörg@): Identity's default character list refused them with an error about a "username" nobody typed.
                options.User.AllowedUserNameCharacters = "";
                // Confirmed means "confirmed e-mail" (or an account older than confirmation): see ConfirmedAddress.
                options.SignIn.RequireConfirmedAccount = true;
                // Length, not composition (NIST SP 800-63B): the forms ask for AccountRules.MinPasswordLength characters
                // for every password set from now on; Identity's own minimum stays low for the demo users' old one.
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();
        services.AddScoped<IUserConfirmation<AppUser>, ConfirmedAddress>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<Profiles>();
        services.AddScoped<AccountTransfer>(); // scoped like Identity's normaliser
        services.AddSingleton<IUserDirectory>(sp => sp.GetRequiredService<UserDirectory>());
        return services;
    }

    /// <summary>Cookie sign-in for the web app, and the authentication state its components read.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddUsers();
        // The default token providers make the e-mail confirmation tokens (data protection, tied to the security stamp).
        new IdentityBuilder(typeof(AppUser), typeof(IdentityRole<Guid>), services).AddSignInManager().AddDefaultTokenProviders();
        // Every instance on the database reads the same keys, so a cookie or form token issued by one is good at all.
        services.AddDataProtection().SetApplicationName("MeetingsApp").PersistKeysToDbContext<AppDbContext>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<Registration>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = Registration.LinkLifetime);
        services.AddOptions<RegistrationOptions>().BindConfiguration("Accounts:Registration");
        services.AddSingleton<RegistrationPolicy>();
        services.AddSingleton<OpenSessions>();
        services.AddOptions<SessionOptions>().BindConfiguration("Accounts:Sessions");
        services.AddHostedService<SessionWatcher>();
        services.AddScoped<SessionStatus>();
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, SessionAuthenticationStateProvider.CircuitTracker>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.Events.OnValidatePrincipal = SessionCookieCheck.ValidatePrincipalAsync;
            // Signing in at /Account/Login?ReturnUrl=... redirects there at once; a Location header takes ASCII only,
            // so a raw "/café" would turn a correct password into a server error.
            cookie.Events.OnRedirectToReturnUrl = context =>
            {
                context.Response.Headers.Location = $"{context.Request.PathBase}/{IdentityRedirectManager.LocalPath(context.RedirectUri)}";
                return Task.CompletedTask;
            };
            // Signed in but not allowed: answer "not found", so what exists does not leak.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        return services;
    }
}
